import "server-only";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import { providerKeys } from "@/lib/auth/oidc/discovery";
import { checkLogoutClaims, CLOCK_SKEW_SECONDS, type LogoutRequest } from "@/lib/auth/oidc/logout-token-claims";
import type { OidcSettings } from "@/lib/auth/oidc/settings";

// Back-channel logout tokens: signed by the provider with a key of its JWKS (asymmetric only: a key shared
// with clients, HS256 with the client secret, would let any holder of the secret forge one), then the claims.

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

export type LogoutTokenResult = { ok: true; request: LogoutRequest } | { ok: false; problem: string };

export async function verifyLogoutToken(token: string, settings: OidcSettings): Promise<LogoutTokenResult> {
  try {
    const { alg } = decodeProtectedHeader(token);
    if (!alg || !ALGORITHMS.includes(alg)) return { ok: false, problem: `alg ${String(alg)} is not accepted` };
  } catch {
    return { ok: false, problem: "logout_token is not a signed JWT" };
  }
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, await providerKeys(settings), {
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    claims = verified.payload;
  } catch (error) {
    // The provider's keys not answering is no verdict on the token: an error answer (500), which it retries.
    if (!(error instanceof joseErrors.JOSEError) || error instanceof joseErrors.JWKSTimeout) throw error;
    return { ok: false, problem: `the signature or format is not valid (${error.code})` };
  }
  return checkLogoutClaims(claims, {
    issuer: settings.issuer,
    clientId: settings.clientId,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
}

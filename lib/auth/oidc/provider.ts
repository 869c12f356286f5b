import "server-only";
import type { CallbacksOptions, Profile, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { headers } from "next/headers";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { roleFromClaims } from "@/lib/auth/oidc/roles";
import { OIDC_PROVIDER_ID, discoveryUrl, type OidcSettings } from "@/lib/auth/oidc/settings";
import { OIDC_REFUSALS } from "@/lib/auth/oidc/sign-in-errors";
import { appOrigin } from "@/lib/env";
import { REQUEST_ID_HEADER } from "@/lib/front-door/request-id";
import { logger } from "@/lib/logger";
import { admitOidcUser } from "@/lib/users/directory-oidc-users";

// Sign-in through an OIDC provider with next-auth's OAuth support: discovery, the authorization code flow
// with PKCE, state and nonce (next-auth keeps them in encrypted, HttpOnly cookies and openid-client checks
// them and the ID token: signature, iss, aud, exp, nonce). The user is the ID token's claims.

type Claims = Profile & Record<string, unknown> & { sub: string; email?: string; name?: string; sid?: string };

export function oidcProvider(settings: OidcSettings): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.displayName ?? "Single sign-on",
    type: "oauth",
    wellKnown: discoveryUrl(settings.issuer),
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    client: { token_endpoint_auth_method: settings.authMethod },
    authorization: { params: { scope: settings.scopes } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile: (claims) => ({ id: claims.sub, email: claims.email ?? null, name: claims.name ?? null }),
  };
}

type SignInParams = Parameters<CallbacksOptions["signIn"]>[0];

/**
 * next-auth's signIn callback for the provider: maps the role claim, finds or makes the user, and refuses
 * with a page the sign-in form explains. On success the user next-auth goes on with becomes ours: `id` is
 * our user's id, so that the jwt callback starts the session for them (lib/auth/session-jwt.ts).
 */
export async function admitOidcSignIn(settings: OidcSettings, { user, profile }: SignInParams): Promise<true | string> {
  const claims = (profile ?? {}) as Claims;
  const request = await headers();
  const identity = {
    sub: claims.sub,
    email: typeof claims.email === "string" ? claims.email : null,
    name: [claims.name, claims.preferred_username].find((v): v is string => typeof v === "string") ?? null,
    role: roleFromClaims(claims, settings.roleClaim, settings.roleMap),
  };
  const result = await admitOidcUser(identity, {
    ip: clientIpFromHeaders((n) => request.get(n)),
    requestId: request.get(REQUEST_ID_HEADER),
  });
  if ("refused" in result) {
    logger.info("sign-in refused", { provider: OIDC_PROVIDER_ID, reason: result.refused });
    return `${appOrigin}/signin?error=${OIDC_REFUSALS[result.refused]}`;
  }
  Object.assign(user as User & { role?: string; source?: string }, {
    id: String(result.user.id),
    email: result.user.email,
    role: result.user.role,
    // The session's start names it in the sign-in's audit event (lib/auth/session-jwt.ts).
    source: "oidc",
  });
  logger.info("sign-in succeeded", { provider: OIDC_PROVIDER_ID, userId: result.user.id });
  return true;
}

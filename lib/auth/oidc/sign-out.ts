import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { JWT } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { providerMetadata } from "@/lib/auth/oidc/discovery";
import { oidcSettings, postLogoutRedirectUri, type OidcSettings } from "@/lib/auth/oidc/settings";
import { errorFields, logger } from "@/lib/logger";

// Signing out here also signs out at the provider (OpenID Connect RP-Initiated Logout 1.0), when the session
// came from it and the provider names an end_session_endpoint: next-auth's sign-out answers with where the
// browser goes next, and for such a session that becomes the provider's endpoint, with the ID token as
// id_token_hint and /signin as where the provider sends the browser back.

type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;

const pending = new AsyncLocalStorage<{ idToken: string | null }>();

/** Called by the signOut event with the ended session's token (lib/auth/session-jwt.ts). */
export function noteProviderSignOut(token: JWT | null | undefined): void {
  const current = pending.getStore();
  if (current && token?.idToken) current.idToken = token.idToken;
}

async function endSessionUrl(settings: OidcSettings, idToken: string): Promise<string | null> {
  try {
    const endpoint = (await providerMetadata(settings)).end_session_endpoint;
    if (!endpoint) return null;
    const url = new URL(endpoint);
    url.searchParams.set("id_token_hint", idToken);
    url.searchParams.set("post_logout_redirect_uri", postLogoutRedirectUri());
    url.searchParams.set("client_id", settings.clientId);
    return url.toString();
  } catch (error) {
    // Signed out here all the same; the provider's session ends by its own rules.
    logger.warn("OIDC sign-out at the provider skipped", errorFields(error));
    return null;
  }
}

/** The same answer, sending the browser to `url` (a JSON `{url}` for next-auth's client, else a redirect). */
async function redirectedTo(response: Response, url: string): Promise<Response> {
  const headers = new Headers(response.headers);
  if (headers.get("content-type")?.includes("application/json")) {
    headers.delete("content-length");
    return new Response(JSON.stringify({ url }), { status: response.status, headers });
  }
  if (!headers.has("location")) return response;
  headers.set("location", url);
  return new Response(null, { status: response.status, headers });
}

/** next-auth's route, with sign-outs of provider sessions continued at the provider. */
export function withProviderSignOut<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const current = { idToken: null as string | null };
    const response = await pending.run(current, () => handler(request, context));
    if (!current.idToken || !oidcSettings) return response;
    const url = await endSessionUrl(oidcSettings, current.idToken);
    return url ? redirectedTo(response, url) : response;
  };
}

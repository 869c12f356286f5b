import type { Account, Profile } from "next-auth";
import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc/constants";

/**
 * What a session started through the provider keeps: the provider's session id (`sid` of the ID token,
 * stored in the session's row, which back-channel logout names) and the ID token itself (in the encrypted,
 * HttpOnly session cookie, never shown to the page), the id_token_hint of signing out at the provider.
 */
export function providerSessionOf(
  account: Account | null | undefined,
  profile: Profile | undefined,
): { providerSid: string | null; idToken: string | null } {
  if (account?.provider !== OIDC_PROVIDER_ID) return { providerSid: null, idToken: null };
  const sid = (profile as { sid?: unknown } | undefined)?.sid;
  return {
    providerSid: typeof sid === "string" && sid ? sid : null,
    idToken: typeof account.id_token === "string" ? account.id_token : null,
  };
}

// The error names the sign-in page reads from `?error=` after a sign-in through the provider (shared by the
// server, which sets them, and the page, which words them; no server-only import here).

export const OIDC_REFUSALS = {
  "no-mapped-role": "OidcNoRole",
  "no-email": "OidcNoEmail",
  "email-taken": "OidcEmailTaken",
  disabled: "OidcDisabled",
} as const;

export type OidcSignInError = (typeof OIDC_REFUSALS)[keyof typeof OIDC_REFUSALS] | "OidcFailed";

// next-auth's own names for a failed round trip (a tampered state or nonce, the provider's error, its answer
// unreadable): the page says the sign-in did not complete.
const FAILED = ["OAuthSignin", "OAuthCallback", "Callback", "OAuthCreateAccount", "AccessDenied", "Configuration"];

/** The page's word for an `?error=` value; null when it is not about the provider. */
export function oidcSignInError(error: string | undefined): OidcSignInError | null {
  if (!error) return null;
  if ((Object.values(OIDC_REFUSALS) as string[]).includes(error)) return error as OidcSignInError;
  return FAILED.includes(error) ? "OidcFailed" : null;
}

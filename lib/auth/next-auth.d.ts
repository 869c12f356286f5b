import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    role?: string;
    /** The session's row (lib/auth/sessions.ts). */
    sid?: string;
    /** The session's absolute end, in seconds since the epoch: no renewal of the cookie goes past it. */
    sessionEnd?: number;
    /** A session through the OIDC provider: its ID token, the id_token_hint of signing out there too. */
    idToken?: string;
  }
}

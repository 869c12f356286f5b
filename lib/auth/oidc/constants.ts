// Names shared by the server's modules and the pages (no server-only import here).

/** next-auth's id of the provider: its callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/** Where the provider posts back-channel logout tokens (register it as the client's backchannel_logout_uri). */
export const BACKCHANNEL_LOGOUT_PATH = "/api/auth/oidc/backchannel-logout";

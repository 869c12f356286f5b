import "server-only";
import { appOrigin, env } from "@/lib/env";
import type { RoleMapping } from "@/lib/env-rules";

export { BACKCHANNEL_LOGOUT_PATH, OIDC_PROVIDER_ID } from "@/lib/auth/oidc/constants";

// Single sign-on as configured (README, "Single sign-on (OIDC)"); null when OIDC_ISSUER and the rest are unset.

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  authMethod: "client_secret_basic" | "client_secret_post";
  /** OIDC_DISPLAY_NAME; null: the page's own words for single sign-on. */
  displayName: string | null;
  roleClaim: string;
  roleMap: readonly RoleMapping[];
  scopes: string;
};

/** Where the provider sends the browser back after signing out there (post_logout_redirect_uri). */
export const postLogoutRedirectUri = () => `${appOrigin}/signin`;

export const oidcSettings: OidcSettings | null =
  env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET && env.OIDC_ROLE_MAP
    ? {
        issuer: env.OIDC_ISSUER,
        clientId: env.OIDC_CLIENT_ID,
        clientSecret: env.OIDC_CLIENT_SECRET,
        authMethod: env.OIDC_CLIENT_AUTH_METHOD,
        displayName: env.OIDC_DISPLAY_NAME ?? null,
        roleClaim: env.OIDC_ROLE_CLAIM,
        roleMap: env.OIDC_ROLE_MAP,
        scopes: env.OIDC_SCOPES,
      }
    : null;

/** OpenID Connect Discovery 1.0: the issuer's metadata document. */
export const discoveryUrl = (issuer: string) => `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;

import { describe, expect, it } from "vitest";
import { providerSessionOf } from "@/lib/auth/oidc/session-fields";
import { oidcSignInError } from "@/lib/auth/oidc/sign-in-errors";

describe("oidcSignInError (the sign-in page's ?error=)", () => {
  it.each([
    ["OidcNoRole", "OidcNoRole"],
    ["OidcNoEmail", "OidcNoEmail"],
    ["OidcEmailTaken", "OidcEmailTaken"],
    ["OidcDisabled", "OidcDisabled"],
    ["OAuthCallback", "OidcFailed"],
    ["OAuthSignin", "OidcFailed"],
    ["Callback", "OidcFailed"],
    ["CredentialsSignin", null],
    ["TooManyAttempts", null],
    ["<script>", null],
    [undefined, null],
  ])("%s → %s", (error, shown) => {
    expect(oidcSignInError(error)).toBe(shown);
  });
});

describe("providerSessionOf (what a session through the provider keeps)", () => {
  const account = { provider: "oidc", type: "oauth", providerAccountId: "s", id_token: "a.b.c" } as const;
  it.each([
    ["a provider sign-in", account, { sid: "op-sid" }, { providerSid: "op-sid", idToken: "a.b.c" }],
    ["no sid in the token", account, {}, { providerSid: null, idToken: "a.b.c" }],
    ["a sid that is no string", account, { sid: 7 }, { providerSid: null, idToken: "a.b.c" }],
    ["a password sign-in", { ...account, provider: "credentials" }, { sid: "x" }, { providerSid: null, idToken: null }],
    ["no account (a cookie read)", null, undefined, { providerSid: null, idToken: null }],
  ])("%s", (_, acc, profile, expected) => {
    expect(providerSessionOf(acc as never, profile as never)).toEqual(expected);
  });
});

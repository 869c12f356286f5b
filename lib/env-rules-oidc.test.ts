import { describe, expect, it } from "vitest";
import { issuerUrl, ldapProblems, oidcSettingProblems, roleMap, scopes } from "@/lib/env-rules";

describe("OIDC settings' shapes", () => {
  it("reads OIDC_ROLE_MAP as value=role pairs, splitting at the last =", () => {
    expect(roleMap.parse("plant-admin=Super user; plant-lead=Advanced user;plant-operator=User;")).toEqual([
      { value: "plant-admin", role: "Super user" },
      { value: "plant-lead", role: "Advanced user" },
      { value: "plant-operator", role: "User" },
    ]);
    expect(roleMap.parse("CN=Plant Admins,OU=Groups=Super user")).toEqual([
      { value: "CN=Plant Admins,OU=Groups", role: "Super user" },
    ]);
  });

  it.each([
    ["", "no pair at all"],
    ["plant-admin", "no ="],
    ["=User", "no value"],
    ["plant-admin=Admin", "an unknown role"],
    ["plant-admin=super user", "a role in the wrong case"],
    ["a=User;a=Super user", "one value twice"],
  ])("refuses OIDC_ROLE_MAP %j (%s)", (value) => {
    const parsed = roleMap.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain("value=role");
  });

  it.each([
    ["https://login.plant.example/realms/plant", true],
    ["http://127.0.0.1:9000", true],
    ["https://login.plant.example/?tenant=1", false],
    ["login.plant.example", false],
    ["ftp://login.plant.example", false],
  ])("OIDC_ISSUER %s valid: %s", (value, ok) => {
    expect(issuerUrl.safeParse(value).success).toBe(ok);
  });

  it("OIDC_SCOPES must include openid", () => {
    expect(scopes.parse("  openid   email profile ")).toBe("openid email profile");
    expect(scopes.safeParse("email profile").success).toBe(false);
  });

  it("the provider is configured by all four required settings or none", () => {
    const all = { OIDC_ISSUER: "x", OIDC_CLIENT_ID: "x", OIDC_CLIENT_SECRET: "x", OIDC_ROLE_MAP: [] };
    expect(oidcSettingProblems({})).toEqual([]);
    expect(oidcSettingProblems(all)).toEqual([]);
    const problems = oidcSettingProblems({ OIDC_ISSUER: "x", OIDC_CLIENT_ID: "x" });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^OIDC_CLIENT_SECRET: required with OIDC_ISSUER, OIDC_CLIENT_ID/);
    expect(problems[1]).toMatch(/^OIDC_ROLE_MAP: required/);
  });

  it("LOCAL_SIGN_IN=off is allowed with single sign-on alone (no LDAP)", () => {
    expect(ldapProblems({ LOCAL_SIGN_IN: "off", LDAP_START_TLS: false, OIDC_ISSUER: "https://idp.example" })).toEqual(
      [],
    );
    expect(ldapProblems({ LOCAL_SIGN_IN: "off", LDAP_START_TLS: false })).toEqual([
      expect.stringMatching(/^LOCAL_SIGN_IN: off leaves no way to sign in/),
    ]);
  });
});

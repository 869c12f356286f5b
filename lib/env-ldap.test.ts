import { afterEach, describe, expect, it, vi } from "vitest";

// The directory sign-in settings (lib/env-rules.ts ldapSettings, checked together by ldapProblems).

const saved = { ...process.env };
const ROLES = "cn=plant-admins,ou=groups,dc=plant,dc=test=Super user;cn=ops,ou=groups,dc=plant,dc=test=User";
const COMPLETE = {
  LDAP_URL: "ldaps://dc1.plant.example:636",
  LDAP_BIND_DN: "cn=svc-plant,ou=service,dc=plant,dc=example",
  LDAP_BIND_PASSWORD: "service-secret",
  LDAP_USER_BASE_DN: "ou=people,dc=plant,dc=example",
  LDAP_GROUP_ROLES: ROLES,
};

async function loadEnv(vars: Record<string, string>) {
  vi.resetModules();
  process.env = { ...saved, ...vars };
  return import("@/lib/env");
}

afterEach(() => {
  process.env = { ...saved };
});

describe("directory sign-in settings", () => {
  it("are off without LDAP_URL, with the documented defaults", async () => {
    const { env } = await loadEnv({ LDAP_URL: "", LDAP_TIMEOUT_MS: "", LDAP_RECHECK_SECONDS: "", LOCAL_SIGN_IN: "" });
    expect(env.LDAP_URL).toBeUndefined();
    expect(env.LDAP_USER_FILTER).toBe("(|(sAMAccountName={login})(mail={login}))");
    expect(env.LDAP_GROUP_FILTER).toBe("(|(member={dn})(uniqueMember={dn}))");
    expect(env.LDAP_TIMEOUT_MS).toBe(4000);
    expect(env.LDAP_RECHECK_SECONDS).toBe(300);
    expect(env.LOCAL_SIGN_IN).toBe("all");
    expect(env.LDAP_START_TLS).toBe(false);
  });

  it("parse the group mapping into normalized DNs", async () => {
    const { env } = await loadEnv(COMPLETE);
    expect([...env.LDAP_GROUP_ROLES!]).toEqual([
      ["cn=plant-admins,ou=groups,dc=plant,dc=test", "Super user"],
      ["cn=ops,ou=groups,dc=plant,dc=test", "User"],
    ]);
  });

  it.each([
    ["LDAP_URL", "http://dc1", "must be ldap://host[:port] or ldaps://host[:port]"],
    ["LDAP_URL", "ldap://dc1/dc=plant", "must be ldap://host[:port] or ldaps://host[:port]"],
    ["LDAP_START_TLS", "maybe", "must be one of true, false"],
    ["LDAP_CA_FILE", "/nonexistent/ca.pem", "must be a readable PEM file"],
    ["LDAP_USER_BASE_DN", "people", "must be a DN"],
    ["LDAP_USER_FILTER", "(uid=*)", "naming {login}"],
    ["LDAP_USER_FILTER", "(uid={login}", "must be one parenthesized LDAP filter"],
    ["LDAP_GROUP_FILTER", "(member=x)", "naming {dn}"],
    ["LDAP_GROUP_ROLES", "cn=ops,dc=x=Owner", "is not <group DN>=<User | Advanced user | Super user>"],
    ["LDAP_TIMEOUT_MS", "0", "must be a whole number above 0"],
    ["LDAP_TIMEOUT_MS", "120000", "up to 60000"],
    ["LDAP_RECHECK_SECONDS", "5m", "must be a whole number above 0"],
    ["LOCAL_SIGN_IN", "admins", "must be all, super-users or off"],
  ])("%s=%s is refused, naming the variable and what is allowed", async (name, value, allowed) => {
    const escaped = allowed.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    await expect(loadEnv({ ...COMPLETE, [name]: value })).rejects.toThrow(
      new RegExp(`\\n  - ${name}: [^\\n]*${escaped}`),
    );
  });

  it.each([
    ["LDAP_USER_BASE_DN", { LDAP_USER_BASE_DN: "" }, "required with LDAP_URL"],
    ["LDAP_GROUP_ROLES", { LDAP_GROUP_ROLES: "" }, "required with LDAP_URL"],
    ["LDAP_BIND_DN", { LDAP_BIND_PASSWORD: "" }, "go together"],
    ["LDAP_START_TLS", { LDAP_START_TLS: "true" }, "StartTLS goes with ldap://"],
  ])("with LDAP_URL, %s is checked with the others", async (name, vars, problem) => {
    await expect(loadEnv({ ...COMPLETE, ...vars })).rejects.toThrow(new RegExp(`\\n  - ${name}: [^\\n]*${problem}`));
  });

  it("LOCAL_SIGN_IN=off needs directory sign-in: otherwise nobody could sign in", async () => {
    await expect(loadEnv({ LDAP_URL: "", LOCAL_SIGN_IN: "off" })).rejects.toThrow(
      /\n  - LOCAL_SIGN_IN: off leaves no way to sign in/,
    );
    const { env } = await loadEnv({ ...COMPLETE, LOCAL_SIGN_IN: "off" });
    expect(env.LOCAL_SIGN_IN).toBe("off");
  });
});

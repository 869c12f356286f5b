import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GROUP_ROLES, GROUPS_DN, PEOPLE, PEOPLE_DN, SERVICE, startSlapd, type Slapd } from "@/test/support/slapd";

// The directory module in-process against a real slapd (test/support/slapd.ts): each case loads it with its
// own settings, as the server reads them once at start.

const saved = { ...process.env };
let slapd: Slapd;

async function directoryWith(vars: Record<string, string>) {
  vi.resetModules();
  process.env = {
    ...saved,
    LDAP_BIND_DN: SERVICE.dn,
    LDAP_BIND_PASSWORD: SERVICE.password,
    LDAP_USER_BASE_DN: PEOPLE_DN,
    LDAP_GROUP_BASE_DN: GROUPS_DN,
    LDAP_GROUP_ROLES: GROUP_ROLES,
    LDAP_TIMEOUT_MS: "4000",
    ...vars,
  };
  try {
    return await import("@/lib/auth/ldap/directory");
  } finally {
    process.env = { ...saved };
  }
}

beforeAll(async () => {
  slapd = await startSlapd();
});
afterAll(async () => {
  await slapd?.stop();
});

describe("directory sign-in against OpenLDAP", () => {
  it("over LDAPS with the CA file: login and mail find the person, the groups give the role", async () => {
    const d = await directoryWith({ LDAP_URL: slapd.ldapsUrl, LDAP_CA_FILE: slapd.caFile });
    const byLogin = await d.authenticateWithDirectory({ login: "alice", password: PEOPLE.alice.password });
    expect(byLogin).toMatchObject({
      kind: "accepted",
      person: { email: "alice@plant.test", name: "Alice Admin", role: "Super user" },
    });
    if (byLogin.kind !== "accepted") throw new Error("unreachable");
    expect(byLogin.person.externalId).toMatch(/^[0-9a-f-]{36}$/);
    const byMail = await d.authenticateWithDirectory({ login: "BOB@plant.test", password: PEOPLE.bob.password });
    expect(byMail).toMatchObject({ kind: "accepted", person: { role: "Advanced user" } });
    const recheck = await d.recheckWithDirectory({ externalId: byLogin.person.externalId });
    expect(recheck).toMatchObject({ kind: "accepted", person: { email: "alice@plant.test", role: "Super user" } });
  });

  it.each([
    ["wrong password", "alice", "not-her-password", "wrong-password"],
    ["unknown user", "nobody", "whatever-1", "unknown-user"],
    ["disabled (userAccountControl 514)", "erin", PEOPLE.erin.password, "disabled"],
    ["locked by OpenLDAP's password policy (pwdAccountLockedTime)", "ivan", PEOPLE.ivan.password, "disabled"],
    ["in no mapped group", "frank", PEOPLE.frank.password, "no-mapped-group"],
    ["an empty password (an unauthenticated bind would succeed)", "alice", "", "empty-password"],
    ["a filter injection", "*)(sAMAccountName=*", "whatever-1", "unknown-user"],
    ["a wildcard that would match alice unescaped", "ali*", PEOPLE.alice.password, "unknown-user"],
  ])("%s is refused with its reason", async (_name, login, password, reason) => {
    const d = await directoryWith({ LDAP_URL: slapd.ldapsUrl, LDAP_CA_FILE: slapd.caFile });
    expect(await d.authenticateWithDirectory({ login, password })).toEqual({ kind: "refused", reason });
  });

  it("StartTLS with the CA file works; with a CA that signed nothing here it is 'unreachable'", async () => {
    const ok = await directoryWith({ LDAP_URL: slapd.ldapUrl, LDAP_START_TLS: "true", LDAP_CA_FILE: slapd.caFile });
    const started = await ok.authenticateWithDirectory({ login: "carol", password: PEOPLE.carol.password });
    expect(started).toMatchObject({
      kind: "accepted",
      person: { role: "User" },
    });
    const wrongCa = await directoryWith({ LDAP_URL: slapd.ldapsUrl, LDAP_CA_FILE: slapd.otherCaFile });
    const verdict = await wrongCa.authenticateWithDirectory({ login: "carol", password: PEOPLE.carol.password });
    expect(verdict.kind).toBe("unreachable");
  });

  it("a person in two mapped groups gets the higher role", async () => {
    const d = await directoryWith({ LDAP_URL: slapd.ldapsUrl, LDAP_CA_FILE: slapd.caFile });
    expect(await d.authenticateWithDirectory({ login: "dave", password: PEOPLE.dave.password })).toMatchObject({
      kind: "accepted",
      person: { role: "Advanced user" },
    });
  });

  it("without LDAP_GROUP_BASE_DN the groups are the entry's memberOf (AD; OpenLDAP's memberof overlay)", async () => {
    const d = await directoryWith({ LDAP_URL: slapd.ldapsUrl, LDAP_CA_FILE: slapd.caFile, LDAP_GROUP_BASE_DN: "" });
    const cases = [
      ["alice", PEOPLE.alice.password, { kind: "accepted", person: { role: "Super user" } }],
      ["dave", PEOPLE.dave.password, { kind: "accepted", person: { role: "Advanced user" } }],
      ["carol@plant.test", PEOPLE.carol.password, { kind: "accepted", person: { role: "User" } }],
      ["frank", PEOPLE.frank.password, { kind: "refused", reason: "no-mapped-group" }],
    ] as const;
    for (const [login, password, verdict] of cases)
      expect(await d.authenticateWithDirectory({ login, password }), login).toMatchObject(verdict);
  });

  it("a re-check by the stored id follows the entry: disabled, gone", async () => {
    const d = await directoryWith({ LDAP_URL: slapd.ldapsUrl, LDAP_CA_FILE: slapd.caFile });
    expect(await d.recheckWithDirectory({ externalId: "00000000-0000-4000-8000-000000000000" })).toEqual({
      kind: "refused",
      reason: "unknown-user",
    });
    expect(await d.recheckWithDirectory({ externalId: `cn=nobody,${PEOPLE_DN}` })).toEqual({
      kind: "refused",
      reason: "unknown-user",
    });
    expect(await d.recheckWithDirectory({ externalId: `cn=erin,${PEOPLE_DN}` })).toEqual({
      kind: "refused",
      reason: "disabled",
    });
    expect(await d.recheckWithDirectory({ externalId: `cn=bob,${PEOPLE_DN}` })).toMatchObject({
      kind: "accepted",
      person: { role: "Advanced user" },
    });
  });

  it("a wrong service password, or a closed port, is 'unreachable', not a refusal of the person", async () => {
    const badService = await directoryWith({
      LDAP_URL: slapd.ldapsUrl,
      LDAP_CA_FILE: slapd.caFile,
      LDAP_BIND_PASSWORD: "wrong-service-password",
    });
    expect((await badService.authenticateWithDirectory({ login: "alice", password: PEOPLE.alice.password })).kind).toBe(
      "unreachable",
    );
    const closed = await directoryWith({ LDAP_URL: "ldap://127.0.0.1:1" });
    expect((await closed.authenticateWithDirectory({ login: "alice", password: PEOPLE.alice.password })).kind).toBe(
      "unreachable",
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "@/test/support/accounts";
import { signInWithDirectory, sqliteRows } from "@/test/support/directory-session";
import { http } from "@/test/support/http";
import { createTestUsers } from "@/test/support/fixture-data";
import { signInOverHttp } from "@/test/support/session";
import { openEvents } from "@/test/support/sse";
import {
  GROUP,
  GROUP_ROLES,
  GROUPS_DN,
  PEOPLE,
  PEOPLE_DN,
  personDn,
  SERVICE,
  startSlapd,
  type Slapd,
} from "@/test/support/slapd";
import { startTcpProxy } from "@/test/support/tcp-proxy";
import { NEEDS_POSTGRES, postgresTestUrl, runIf } from "@/test/support/requirements";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// Directory sign-in against a real OpenLDAP server (test/support/slapd.ts) through the production build.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const directoryEnv = (slapd: Slapd) => ({
  LDAP_BIND_DN: SERVICE.dn,
  LDAP_BIND_PASSWORD: SERVICE.password,
  LDAP_USER_BASE_DN: PEOPLE_DN,
  LDAP_GROUP_BASE_DN: GROUPS_DN,
  LDAP_GROUP_ROLES: GROUP_ROLES,
  LDAP_CA_FILE: slapd.caFile,
  LDAP_RECHECK_SECONDS: "2",
  // Many sign-ins from 127.0.0.1 in one suite.
  RATE_LIMIT_SIGNIN_ADDRESS_POINTS: "1000",
});

const sessionOf = async (server: TestServer, cookie: string) =>
  (await http(server.baseUrl, "GET", "/api/auth/session", { headers: { Cookie: cookie } })).body;

const get = (server: TestServer, cookie: string, path = "/api/v1/processes") =>
  http(server.baseUrl, "GET", path, { headers: { Cookie: cookie } });

type AuditRow = { action: string; actorType: string; targetId: string | null; detail: string };

let slapd: Slapd;

beforeAll(async () => {
  slapd = await startSlapd();
});
afterAll(async () => {
  await slapd?.stop();
});

describe("directory sign-in over LDAPS (SQLite)", () => {
  let database: TestDatabase;
  let server: TestServer;
  const audit = (action: string) =>
    sqliteRows<AuditRow>(database.url, "SELECT * FROM audit_events WHERE action = ? ORDER BY id", action);

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = await startServer({
      env: { DATABASE_URL: database.url, LDAP_URL: slapd.ldapsUrl, ...directoryEnv(slapd) },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("signs in by login and by mail; each mapped group gives its role, two groups the higher", async () => {
    const cases = [
      ["alice", PEOPLE.alice, "Super user"],
      ["BOB@plant.test", PEOPLE.bob, "Advanced user"],
      ["carol", PEOPLE.carol, "User"],
      ["dave@plant.test", PEOPLE.dave, "Advanced user"],
    ] as const;
    for (const [login, person, role] of cases) {
      const signed = await signInWithDirectory(server.baseUrl, login, person.password);
      expect(signed.error, login).toBeNull();
      expect(await sessionOf(server, signed.cookie!)).toMatchObject({ user: { email: person.mail, role } });
      expect((await get(server, signed.cookie!)).status).toBe(200);
      // Super users alone list tokens: the role really applies.
      expect((await get(server, signed.cookie!, "/api/v1/tokens")).status).toBe(role === "Super user" ? 200 : 403);
    }
    const users = sqliteRows<{
      email: string;
      source: string;
      externalId: string;
      passwordHash: string;
      role: string;
      name: string;
    }>(
      database.url,
      "SELECT email, source, externalId, passwordHash, role, name FROM users WHERE source = 'ldap' ORDER BY email",
    );
    expect(users.map((u) => [u.email, u.role, u.name])).toEqual([
      ["alice@plant.test", "Super user", "Alice Admin"],
      ["bob@plant.test", "Advanced user", "Bob Engineer"],
      ["carol@plant.test", "User", "Carol Operator"],
      ["dave@plant.test", "Advanced user", "Dave Both"],
    ]);
    for (const u of users) {
      expect(u.externalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(u.passwordHash).toBe("");
    }
    // A second sign-in finds the same row.
    expect((await signInWithDirectory(server.baseUrl, "alice", PEOPLE.alice.password)).error).toBeNull();
    expect(sqliteRows(database.url, "SELECT id FROM users WHERE source = 'ldap'").length).toBe(4);
    expect(audit("sign-in.succeeded").length).toBe(5);
    expect(audit("sign-in.succeeded").every((r) => JSON.parse(r.detail).source === "ldap")).toBe(true);
  });

  it("wrong password, unknown user, disabled, no mapped group, empty password, filter injection: one answer, no session, no user", async () => {
    const before = audit("directory.refused").length;
    const usersBefore = sqliteRows(database.url, "SELECT id FROM users").length;
    const attempts = [
      ["alice", "not-alices-password", "wrong-password"],
      ["nobody", "whatever-pass-1", "unknown-user"],
      ["erin", PEOPLE.erin.password, "disabled"],
      ["frank", PEOPLE.frank.password, "no-mapped-group"],
      ["*)(sAMAccountName=*", "whatever-pass-1", "unknown-user"],
      // Unescaped, this would find alice alone, and her password would sign in.
      ["ali*", PEOPLE.alice.password, "unknown-user"],
    ] as const;
    const answers = [];
    for (const [login, password] of attempts) answers.push(await signInWithDirectory(server.baseUrl, login, password));
    for (const answer of answers) {
      expect(answer.cookie).toBeNull();
      expect(answer.error).toBe("CredentialsSignin");
      expect(answer.status).toBe(answers[0]!.status);
    }
    // An empty password never reaches the directory (an unauthenticated bind would "succeed").
    const empty = await signInWithDirectory(server.baseUrl, "alice", "");
    expect([empty.cookie, empty.error]).toEqual([null, "CredentialsSignin"]);
    const refused = audit("directory.refused").slice(before);
    expect(refused.map((r) => JSON.parse(r.detail).reason)).toEqual(attempts.map(([, , reason]) => reason));
    for (const row of refused) {
      expect(row.actorType).toBe("anonymous");
      for (const [, password] of attempts) expect(row.detail).not.toContain(password);
    }
    expect(sqliteRows(database.url, "SELECT id FROM users").length).toBe(usersBefore);
  });

  it("the local form does not sign a directory user in, whatever the password", async () => {
    const local = await signInOverHttp(server.baseUrl, PEOPLE.carol.mail, PEOPLE.carol.password);
    expect(local.cookie).toBeNull();
    expect(local.url).toContain("error=CredentialsSignin");
    // The break-glass Super user does sign in there.
    expect((await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password)).cookie).toBeTruthy();
  });

  it("a role changed in the directory applies at the next sign-in, and the open session reads it too", async () => {
    const first = await signInWithDirectory(server.baseUrl, "gina", PEOPLE.gina.password);
    expect(await sessionOf(server, first.cookie!)).toMatchObject({ user: { role: "User" } });
    await slapd.modify(
      `dn: ${GROUP.operators}\nchangetype: modify\ndelete: member\nmember: ${personDn("gina")}\n\n` +
        `dn: ${GROUP.admins}\nchangetype: modify\nadd: member\nmember: ${personDn("gina")}\n`,
    );
    const again = await signInWithDirectory(server.baseUrl, "gina", PEOPLE.gina.password);
    expect(await sessionOf(server, again.cookie!)).toMatchObject({ user: { role: "Super user" } });
    expect((await get(server, again.cookie!, "/api/v1/tokens")).status).toBe(200);
    // The first session was made with the old role; it reads the user's row, so it carries the new one as
    // soon as this instance's session cache (1.5 s) lets go.
    let status = 403;
    for (let i = 0; i < 20 && status === 403; i++) {
      await sleep(250);
      status = (await get(server, first.cookie!, "/api/v1/tokens")).status;
    }
    expect(status).toBe(200);
    const changed = audit("role.changed").map((r) => JSON.parse(r.detail));
    expect(changed).toContainEqual({ from: "User", to: "Super user", source: "ldap" });
  });

  it("a user disabled in the directory loses their session within the re-check interval (2 s here)", async () => {
    const signed = await signInWithDirectory(server.baseUrl, "hank", PEOPLE.hank.password);
    expect((await get(server, signed.cookie!)).status).toBe(200);
    const stream = await openEvents(`${server.baseUrl}/api/v1/processes/events`, { Cookie: signed.cookie! });
    expect(stream.status).toBe(200);
    let streamEnded = false;
    void stream.ended.then(() => (streamEnded = true));
    await slapd.modify(
      `dn: ${personDn("hank")}\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 514\n`,
    );
    const disabledAt = Date.now();
    let status = 200;
    // The interval (2 s), one sweep (at most 1 s here) and the session cache (1.5 s); 20 s is the test's patience.
    while (status === 200 && Date.now() - disabledAt < 20_000) {
      await sleep(250);
      status = (await get(server, signed.cookie!)).status;
    }
    expect(status).toBe(401);
    // Their open page's event stream ends with the sessions (on every instance within its one-second sweep).
    await Promise.race([stream.ended, sleep(5_000)]);
    expect(streamEnded).toBe(true);
    const ended = audit("directory.refused")
      .map((r) => JSON.parse(r.detail))
      .filter((d) => d.during === "re-check");
    expect(ended).toContainEqual({ reason: "disabled", during: "re-check", sessionsEnded: 1 });
    expect((await signInWithDirectory(server.baseUrl, "hank", PEOPLE.hank.password)).error).toBe("CredentialsSignin");
  });

  it("the sign-in limits apply: after the free failures for a login, even its right password waits", async () => {
    // RATE_LIMIT_SIGNIN_POINTS (5) failures from this address for dave are free; then he must wait.
    for (let i = 0; i < 5; i++)
      expect((await signInWithDirectory(server.baseUrl, "dave", `wrong-${i}-password`)).error).toBe(
        "CredentialsSignin",
      );
    const limited = await signInWithDirectory(server.baseUrl, "dave", PEOPLE.dave.password);
    expect([limited.error, limited.cookie]).toEqual(["TooManyAttempts", null]);
    // Another login from the same address is not held up.
    expect((await signInWithDirectory(server.baseUrl, "bob", PEOPLE.bob.password)).error).toBeNull();
  });
});

describe("directory not reachable, StartTLS, LOCAL_SIGN_IN=super-users (SQLite)", () => {
  let database: TestDatabase;
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    proxy = await startTcpProxy({ host: "127.0.0.1", port: slapd.ldapPort });
    server = await startServer({
      env: {
        DATABASE_URL: database.url,
        LDAP_URL: `ldap://127.0.0.1:${proxy.port}`,
        LDAP_START_TLS: "true",
        LOCAL_SIGN_IN: "super-users",
        ...directoryEnv(slapd),
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.stop();
    await database?.drop();
  });

  it("signs in over StartTLS; a frozen or refusing directory is told apart within 5 s, sessions are kept, break-glass works", async () => {
    const carol = await signInWithDirectory(server.baseUrl, "carol", PEOPLE.carol.password);
    expect(carol.error).toBeNull();
    expect((await get(server, carol.cookie!)).status).toBe(200);

    proxy.freeze();
    const frozen = await signInWithDirectory(server.baseUrl, "bob", PEOPLE.bob.password, 5_000);
    expect([frozen.error, frozen.cookie]).toEqual(["DirectoryUnreachable", null]);
    const admin = await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
    expect(admin.cookie).toBeTruthy();
    // Re-checks (every 2 s here) meet the frozen directory: carol's session stays.
    await sleep(5_000);
    expect((await get(server, carol.cookie!)).status).toBe(200);

    await proxy.cut();
    const refusedConnection = await signInWithDirectory(server.baseUrl, "bob", PEOPLE.bob.password, 5_000);
    expect([refusedConnection.error, refusedConnection.cookie]).toEqual(["DirectoryUnreachable", null]);
    expect((await get(server, carol.cookie!)).status).toBe(200);
    expect(server.output()).toContain("directory not reachable");

    await proxy.restore();
    proxy.thaw();
    expect((await signInWithDirectory(server.baseUrl, "bob", PEOPLE.bob.password)).error).toBeNull();
  });

  it("LOCAL_SIGN_IN=super-users: a local User is refused like a wrong password; the local Super user signs in", async () => {
    const email = "local-user@example.com";
    const password = "local-user-password-1";
    await createTestUsers(database.url, [{ email, password, role: "User" }]);
    const refused = await signInOverHttp(server.baseUrl, email, password);
    expect(refused.cookie).toBeNull();
    expect(refused.url).toContain("error=CredentialsSignin");
    expect((await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password)).cookie).toBeTruthy();
  });

  it("the sign-in page offers the directory form and the local one", async () => {
    const html = await (await fetch(`${server.baseUrl}/signin`, { headers: { "Accept-Language": "en" } })).text();
    expect(html).toContain("User name or email");
    expect(html).toContain("Use a local account instead");
    const ru = await (await fetch(`${server.baseUrl}/signin`, { headers: { "Accept-Language": "ru" } })).text();
    expect(ru).toContain("Имя пользователя или эл. почта");
  });
});

describe("directory users and re-checks on PostgreSQL", runIf(Boolean(postgresTestUrl), NEEDS_POSTGRES), () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    server = await startServer({
      env: { DATABASE_URL: database.url, LDAP_URL: slapd.ldapsUrl, ...directoryEnv(slapd) },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("made at first sign-in, promoted at the next, and signed out when removed from every mapped group", async () => {
    const jill = await signInWithDirectory(server.baseUrl, "jill@plant.test", PEOPLE.jill.password);
    expect(await sessionOf(server, jill.cookie!)).toMatchObject({ user: { email: "jill@plant.test", role: "User" } });
    await slapd.modify(`dn: ${GROUP.engineers}\nchangetype: modify\nadd: member\nmember: ${personDn("jill")}\n`);
    const again = await signInWithDirectory(server.baseUrl, "jill", PEOPLE.jill.password);
    expect(await sessionOf(server, again.cookie!)).toMatchObject({ user: { role: "Advanced user" } });

    const kim = await signInWithDirectory(server.baseUrl, "kim", PEOPLE.kim.password);
    expect((await get(server, kim.cookie!)).status).toBe(200);
    await slapd.modify(`dn: ${GROUP.operators}\nchangetype: modify\ndelete: member\nmember: ${personDn("kim")}\n`);
    const removedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - removedAt < 20_000) {
      await sleep(250);
      status = (await get(server, kim.cookie!)).status;
    }
    expect(status).toBe(401);
    // Jill, still in a mapped group, keeps her sessions through the same re-checks.
    expect((await get(server, again.cookie!)).status).toBe(200);
    expect((await signInWithDirectory(server.baseUrl, "kim", PEOPLE.kim.password)).error).toBe("CredentialsSignin");
  });
});

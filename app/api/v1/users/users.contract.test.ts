import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/roles";
import { ROLE_USERS } from "@/test/support/accounts";
import { createRoleUsers, createTestToken } from "@/test/support/fixture-data";
import { http } from "@/test/support/http";
import { setupSessionCookie, signInOverHttp } from "@/test/support/session";
import { runOutside } from "@/test/support/outside-sql";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// /api/v1/users… over HTTP against the production build: who may call them (Super users only), bad input
// (1001 with pointers, nothing changed), unknown users (1005), the guard rails (1008, nothing changed), and
// a user's life through the API: link, sign-in, live role, disabling, ending sessions, deleting.

type Call = { method: string; path: (id: number) => string; json?: unknown };
const ROUTES: Record<string, Call> = {
  "GET /api/v1/users": { method: "GET", path: () => "/api/v1/users" },
  "POST /api/v1/users": {
    method: "POST",
    path: () => "/api/v1/users",
    json: { email: "x@plant.example", role: "User" },
  },
  "PATCH /api/v1/users/{id}": { method: "PATCH", path: (id) => `/api/v1/users/${id}`, json: { name: "Renamed" } },
  "DELETE /api/v1/users/{id}": { method: "DELETE", path: (id) => `/api/v1/users/${id}` },
  "POST /api/v1/users/{id}/password-link": { method: "POST", path: (id) => `/api/v1/users/${id}/password-link` },
  "DELETE /api/v1/users/{id}/sessions": { method: "DELETE", path: (id) => `/api/v1/users/${id}/sessions` },
};

const secretOf = (url: string) => url.slice(url.indexOf("#") + 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: the users API`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    const tokens = {} as Record<Role, string>;
    const sessions = {} as Record<Role, string>;

    const as = (role: Role, kind: "token" | "session"): Record<string, string> =>
      kind === "token"
        ? { Authorization: `Bearer ${tokens[role]}` }
        : { Cookie: sessions[role], Origin: server.baseUrl };
    const api = (method: string, path: string, json?: unknown, headers = as("Super user", "token")) =>
      http(server.baseUrl, method, path, { json, headers });
    const sqlRows = async (sql: string) => (await runOutside(database.url, [[sql]]))[0]!;
    /**
     * Users, sessions, links and audit events as stored: what a refused request must leave alone. Read in one
     * transaction on one connection (one snapshot), not four: on PostgreSQL each connection starts a backend, two
     * states a case (issue 19, CPU).
     */
    const state = async () => {
      const [users, sessions, links, audit] = await runOutside(database.url, [
        ["SELECT * FROM users ORDER BY id"],
        ["SELECT id FROM sessions ORDER BY id"],
        ["SELECT * FROM password_links ORDER BY id"],
        ["SELECT id FROM audit_events ORDER BY id"],
      ]);
      return { users, sessions, links, audit };
    };
    const idOf = async (email: string) =>
      (await api("GET", "/api/v1/users")).body.users.find((u: { email: string }) => u.email === email).id as number;
    /** Polls until `check` holds (the session cache is 1.5 s); the bound is 5 s. */
    async function within5s(check: () => Promise<boolean>): Promise<void> {
      const end = Date.now() + 5_000;
      while (!(await check())) {
        if (Date.now() > end) expect.fail("not within 5 s");
        await sleep(200);
      }
    }

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await createRoleUsers(database.url);
      // The Super user's token through the CLI, as an administrator starts; the others through the API with it (a
      // CLI run costs a process start, about a second of CPU; token creation is not under test here).
      tokens["Super user"] = await createTestToken(database.url, "Super user");
      server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" } });
      for (const role of ROLES.filter((r) => r !== "Super user")) {
        const res = await api("POST", "/api/v1/tokens", { name: `${role} test token`, role });
        expect(res.status, res.text).toBe(201);
        tokens[role] = res.body.secret;
      }
      for (const role of ROLES) {
        sessions[role] = await setupSessionCookie(server.baseUrl, ROLE_USERS[role].email, ROLE_USERS[role].password);
      }
    }, 300_000);

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    const credentials = [
      { name: "no credentials", headers: () => ({}), code: 2004 },
      ...ROLES.flatMap((role) =>
        (["token", "session"] as const).map((kind) => ({
          name: `a ${role} ${kind}`,
          headers: () => as(role, kind),
          code: role === "Super user" ? 0 : 3001,
        })),
      ),
    ];
    const matrix = Object.keys(ROUTES).flatMap((route) => credentials.map((c) => [route, c.name, c] as const));

    it.each(matrix)("%s with %s: only Super users", async (route, _, credential) => {
      const target = (await api("POST", "/api/v1/users", { email: `t${Math.random()}@plant.example`, role: "User" }))
        .body.user.id as number;
      const call = ROUTES[route]!;
      const json =
        route === "POST /api/v1/users" ? { email: `m${Math.random()}@plant.example`, role: "User" } : call.json;
      const before = await state();
      const res = await http(server.baseUrl, call.method, call.path(target), { json, headers: credential.headers() });
      if (credential.code === 0) {
        expect(res.status, res.text).toBeLessThan(300);
        return;
      }
      expect(res.body.code, res.text).toBe(credential.code);
      expect(res.status).toBe(credential.code === 3001 ? 403 : 401);
      expect(await state()).toEqual(before);
    });

    it.each<[string, string, string, unknown, string[]]>([
      ["POST", "/api/v1/users", "a bad email", { email: "not-an-email", role: "User" }, ["/email"]],
      ["POST", "/api/v1/users", "an unknown role", { email: "a@plant.example", role: "Admin" }, ["/role"]],
      [
        "POST",
        "/api/v1/users",
        "a short password",
        { email: "a@plant.example", role: "User", password: "short" },
        ["/password"],
      ],
      [
        "POST",
        "/api/v1/users",
        "a name with a newline",
        { email: "a@plant.example", role: "User", name: "a\nb" },
        ["/name"],
      ],
      [
        "POST",
        "/api/v1/users",
        "an unknown member",
        { email: "a@plant.example", role: "User", admin: true },
        ["/admin"],
      ],
      ["POST", "/api/v1/users", "an email in use", { email: ROLE_USERS.User.email, role: "User" }, ["/email"]],
      ["POST", "/api/v1/users", "nothing", {}, ["/email", "/role"]],
      [
        "POST",
        "/api/v1/users",
        "an initial password holding the email's words",
        { email: "carl@plant.example", role: "User", password: "carl-initial-password" },
        ["/password"],
      ],
      ["PATCH", "/api/v1/users/{user}", "an empty change", {}, [""]],
      ["PATCH", "/api/v1/users/{user}", "a role as a number", { role: 2 }, ["/role"]],
      ["PATCH", "/api/v1/users/{user}", "disabled as a string", { disabled: "yes" }, ["/disabled"]],
      ["PATCH", "/api/v1/users/{user}", "an email (not changeable)", { email: "b@plant.example" }, ["/email", ""]],
      ["PATCH", "/api/v1/users/abc", "a bad id in the path", { name: "x" }, ["/path/id"]],
      ["DELETE", "/api/v1/users/0", "a zero id", undefined, ["/path/id"]],
      ["POST", "/api/v1/password-links/use", "a weak password", { token: "x", password: "short" }, ["/password"]],
    ])("%s %s with %s: 1001 with pointers, nothing changes", async (method, path, _, json, pointers) => {
      const user = await idOf(ROLE_USERS.User.email);
      const before = await state();
      const res = await api(method, path.replace("{user}", String(user)), json);
      expect(res.status, res.text).toBe(400);
      expect(res.body.code).toBe(1001);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(pointers);
      expect(await state()).toEqual(before);
    });

    it.each(Object.keys(ROUTES).filter((r) => r.includes("{id}")))("%s of an unknown user: 1005", async (route) => {
      const call = ROUTES[route]!;
      const before = await state();
      const res = await api(call.method, call.path(999_999), call.json);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(1005);
      expect(await state()).toEqual(before);
    });

    it("guard rails: 1008 (409) with a clear detail, nothing changes", async () => {
      const superId = await idOf(ROLE_USERS["Super user"].email);
      const refusals: [string, string, unknown, Record<string, string>, RegExp][] = [
        ["PATCH", `/api/v1/users/${superId}`, { role: "User" }, as("Super user", "token"), /last active Super user/],
        ["PATCH", `/api/v1/users/${superId}`, { disabled: true }, as("Super user", "token"), /last active Super user/],
        ["DELETE", `/api/v1/users/${superId}`, undefined, as("Super user", "token"), /last active Super user/],
        ["PATCH", `/api/v1/users/${superId}`, { role: "User" }, as("Super user", "session"), /cannot demote yourself/],
        [
          "PATCH",
          `/api/v1/users/${superId}`,
          { disabled: true },
          as("Super user", "session"),
          /cannot disable yourself/,
        ],
        ["DELETE", `/api/v1/users/${superId}`, undefined, as("Super user", "session"), /cannot delete yourself/],
      ];
      for (const [method, path, json, headers, detail] of refusals) {
        const before = await state();
        const res = await http(server.baseUrl, method, path, { json, headers });
        expect(res.status, res.text).toBe(409);
        expect(res.body).toMatchObject({ code: 1008, title: "The change is refused by a rule" });
        expect(res.body.detail).toMatch(detail);
        expect(await state()).toEqual(before);
      }
      const ldap = `INSERT INTO users (email, "passwordHash", role, source, "externalId", "updatedAt") VALUES ('dir@plant.example', '', 'User', 'ldap', 'cn=dir', CURRENT_TIMESTAMP)`;
      await runOutside(database.url, [[ldap]]);
      const dir = await idOf("dir@plant.example");
      const before = await state();
      const role = await api("PATCH", `/api/v1/users/${dir}`, { role: "Super user" });
      expect(role.body).toMatchObject({ code: 1008 });
      expect(role.body.detail).toMatch(/managed in the directory/);
      expect((await api("POST", `/api/v1/users/${dir}/password-link`)).body.code).toBe(1008);
      expect(await state()).toEqual(before);
    });

    it("a user's life: link, sign-in, a live role change, disabling, ending sessions, deleting", async () => {
      const created = await api("POST", "/api/v1/users", { email: "Ann@Plant.example", name: "Ann", role: "User" });
      expect(created.status).toBe(201);
      const { user, link } = created.body;
      expect(user).toMatchObject({
        email: "ann@plant.example",
        name: "Ann",
        status: "must-change-password",
        openSessions: 0,
      });
      expect(link.url.startsWith(`${server.baseUrl}/set-password#`)).toBe(true);
      const list = await api("GET", "/api/v1/users");
      expect(list.text).not.toContain(secretOf(link.url));

      const token = secretOf(link.url);
      expect((await api("POST", "/api/v1/password-links/check", { token }, {})).body).toMatchObject({
        email: "ann@plant.example",
        name: "Ann",
      });
      expect((await signInOverHttp(server.baseUrl, "ann@plant.example", "plum-chosen-password-4")).cookie).toBeNull();
      // Her email's words (as on the account page): refused with its pointer, and the link is still unused.
      const hers = await api("POST", "/api/v1/password-links/use", { token, password: "Ann-Kettle-Orbit-42" }, {});
      expect([hers.status, hers.body.code, hers.body.errors.map((e: { pointer: string }) => e.pointer)]).toEqual([
        400,
        1001,
        ["/password"],
      ]);
      const used = await api("POST", "/api/v1/password-links/use", { token, password: "plum-chosen-password-4" }, {});
      expect(used.body).toEqual({ email: "ann@plant.example" });
      const again = await api("POST", "/api/v1/password-links/use", { token, password: "plum-chosen-password-4" }, {});
      expect(again.body.code).toBe(1005);

      const cookie = (await signInOverHttp(server.baseUrl, "ann@plant.example", "plum-chosen-password-4")).cookie!;
      const me = () => http(server.baseUrl, "GET", "/api/v1/me", { headers: { Cookie: cookie } });
      expect((await me()).body).toEqual({ type: "user", id: user.id, name: "ann@plant.example", role: "User" });
      const signedIn = (await api("GET", "/api/v1/users")).body.users.find((u: { id: number }) => u.id === user.id);
      expect([signedIn.openSessions, Date.parse(signedIn.lastSignInAt) > Date.parse(user.createdAt) - 1000]).toEqual([
        1,
        true,
      ]);
      expect((await api("PATCH", `/api/v1/users/${user.id}`, { role: "Advanced user" })).body.user).toMatchObject({
        role: "Advanced user",
        status: "active",
        openSessions: 1,
      });
      await within5s(async () => (await me()).body.role === "Advanced user");

      expect((await api("PATCH", `/api/v1/users/${user.id}`, { disabled: true })).body.user.status).toBe("disabled");
      await within5s(async () => (await me()).body.code === 2002);
      const refused = await signInOverHttp(server.baseUrl, "ann@plant.example", "plum-chosen-password-4");
      expect([refused.cookie, new URL(refused.url!).searchParams.get("error")]).toEqual([null, "CredentialsSignin"]);

      await api("PATCH", `/api/v1/users/${user.id}`, { disabled: false });
      const second = (await signInOverHttp(server.baseUrl, "ann@plant.example", "plum-chosen-password-4")).cookie!;
      const ended = await api("DELETE", `/api/v1/users/${user.id}/sessions`);
      expect(ended.body).toMatchObject({ ended: 1, user: { openSessions: 0 } });
      expect((await http(server.baseUrl, "GET", "/api/v1/me", { headers: { Cookie: second } })).body.code).toBe(2002);

      expect((await api("DELETE", `/api/v1/users/${user.id}`)).body.user.email).toBe("ann@plant.example");
      expect((await signInOverHttp(server.baseUrl, "ann@plant.example", "plum-chosen-password-4")).cookie).toBeNull();
      const actions = await sqlRows(
        `SELECT action FROM audit_events WHERE "targetName" = 'ann@plant.example' ORDER BY id`,
      );
      // Her sign-ins, refused and not, are in the log too (lib/auth/sessions.ts, lib/auth/sign-in-events.ts).
      expect(actions.map((a) => a.action)).toEqual([
        "user.created",
        "sign-in.failed",
        "password.changed",
        "sign-in.succeeded",
        "role.changed",
        "user.disabled",
        "sessions.ended",
        "sign-in.failed",
        "user.enabled",
        "sign-in.succeeded",
        "sessions.ended",
        "user.deleted",
        "sign-in.failed",
      ]);
      expect(server.output()).not.toContain(token);
    });

    it("an initial password signs in to nothing but the set-password page; a reset link replaces the password", async () => {
      const created = await api("POST", "/api/v1/users", {
        email: "bob@plant.example",
        role: "User",
        password: "kettle-initial-password",
      });
      expect(created.body.link).toBeNull();
      const first = await signInOverHttp(server.baseUrl, "bob@plant.example", "kettle-initial-password");
      expect(first.cookie).toBeNull();
      const error = new URL(first.url!).searchParams.get("error")!;
      expect(error).toMatch(/^PasswordChangeRequired:[A-Za-z0-9_-]{43}$/);
      const token = error.slice(error.indexOf(":") + 1);
      await api("POST", "/api/v1/password-links/use", { token, password: "orbit-own-password-1" }, {});
      expect((await signInOverHttp(server.baseUrl, "bob@plant.example", "orbit-own-password-1")).cookie).toBeTruthy();

      const reset = await api("POST", `/api/v1/users/${created.body.user.id}/password-link`);
      expect(reset.status).toBe(201);
      expect(reset.body.user.status).toBe("must-change-password");
      expect((await signInOverHttp(server.baseUrl, "bob@plant.example", "orbit-own-password-1")).cookie).toBeNull();
      await api(
        "POST",
        "/api/v1/password-links/use",
        { token: secretOf(reset.body.link.url), password: "lamp-third-password-8" },
        {},
      );
      expect((await signInOverHttp(server.baseUrl, "bob@plant.example", "lamp-third-password-8")).cookie).toBeTruthy();
    });
  });
}

describe("the set-password routes count against the address's sign-in attempts", () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = await startServer({
      env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", RATE_LIMIT_SIGNIN_ADDRESS_POINTS: "3" },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("past RATE_LIMIT_SIGNIN_ADDRESS_POINTS: 6001 with Retry-After, before the link is looked at", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await http(server.baseUrl, "POST", "/api/v1/password-links/check", { json: { token: "guess" } })).body.code,
      );
    const limited = await http(server.baseUrl, "POST", "/api/v1/password-links/use", {
      json: { token: "guess", password: "a long enough password" },
    });
    expect([...codes, limited.body.code]).toEqual([1005, 1005, 1005, 6001]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

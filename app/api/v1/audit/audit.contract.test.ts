import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/roles";
import { ROLE_USERS } from "@/test/support/accounts";
import { createRoleUsers, createTestToken } from "@/test/support/fixture-data";
import { http } from "@/test/support/http";
import { cookiesOf, signInFrom } from "@/test/support/session";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// The security audit log over HTTP: a scripted sequence of what people and systems do yields exactly its events
// (actor, target, address, request id), only Super users read them, paged and filtered, and as CSV.

const STRONG = "plum-kettle-orbit-42";
type Event = {
  id: number;
  action: string;
  actor: unknown;
  target: unknown;
  ip: string;
  requestId: string;
  detail: unknown;
};

/** Signs out as the page's button does, with a request id of the test's. */
async function signOut(baseUrl: string, cookie: string, requestId: string): Promise<void> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { Cookie: cookie } });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrf = [...cookiesOf(csrfRes)].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: `${cookie}; ${csrf}`,
      "X-Request-Id": requestId,
    },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  expect(res.status).toBeLessThan(400);
}

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: the security audit log`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let adminToken: string;
    const sessions = {} as Record<(typeof ROLES)[number], string>;
    const admin = () => ({ Authorization: `Bearer ${adminToken}` });
    const audit = (query = "") => http(server.baseUrl, "GET", `/api/v1/audit${query}`, { headers: admin() });
    const newest = async () => (await audit("?limit=1")).body.events[0]?.id ?? 0;
    const since = async (id: number): Promise<Event[]> =>
      ((await audit("?limit=500")).body.events as Event[]).filter((e) => e.id > id).reverse();

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await createRoleUsers(database.url);
      adminToken = await createTestToken(database.url, "Super user", { name: "auditor" });
      server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" } });
      for (const role of ROLES) {
        const { email, password } = ROLE_USERS[role];
        sessions[role] = (await signInFrom(server.port, { localAddress: "127.0.0.20", email, password })).cookie!;
      }
    }, 180_000);

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("the CLI's token is recorded as system", async () => {
      const events = (await audit("?action=token.created")).body.events;
      expect(events.at(-1)).toMatchObject({
        actor: { type: "system", id: null, name: "system" },
        target: { type: "token", name: "auditor" },
        ip: null,
        requestId: null,
        detail: { role: "Super user" },
      });
    });

    it("a scripted sequence yields exactly its events, with actor, target, address and request id", async () => {
      const mark = await newest();
      // The first Super user was made by the CLI (so ADMIN_EMAIL made nobody).
      const { email, password } = ROLE_USERS["Super user"];
      const headers = (requestId: string) => ({ "User-Agent": "AuditTest/1.0", "X-Request-Id": requestId });
      // The admin's other browser, signed in before the sequence: the sequence ends it.
      const other = await signInFrom(server.port, { localAddress: "127.0.0.21", email, password });
      const user = ROLE_USERS.User;
      const start = await newest();

      const failed = await signInFrom(server.port, {
        localAddress: "127.0.0.22",
        email,
        password: "not the password",
        headers: headers("seq-01-signin-refused"),
      });
      expect(failed.cookie).toBeNull();
      const signed = await signInFrom(server.port, {
        localAddress: "127.0.0.23",
        email,
        password,
        headers: headers("seq-02-signin"),
      });
      expect(signed.error).toBeNull();
      const admin = { Cookie: signed.cookie!, Origin: server.baseUrl };
      const created = await http(server.baseUrl, "POST", "/api/v1/tokens", {
        json: { name: "MES line 9", role: "User" },
        headers: { ...admin, "X-Request-Id": "seq-03-token-created" },
      });
      expect(created.status, created.text).toBe(201);
      const tokenId = created.body.token.id;
      const revoked = await http(server.baseUrl, "DELETE", `/api/v1/tokens/${tokenId}`, {
        headers: { ...admin, "X-Request-Id": "seq-04-token-revoked" },
      });
      expect(revoked.status).toBe(200);
      // Someone else changes their own password meanwhile.
      const changed = await http(server.baseUrl, "PUT", "/api/v1/account/password", {
        json: { currentPassword: user.password, newPassword: STRONG },
        headers: { Cookie: sessions.User, Origin: server.baseUrl, "X-Request-Id": "seq-05-password" },
      });
      expect(changed.body).toEqual({ endedSessions: 0 });
      const list = await http(server.baseUrl, "GET", "/api/v1/account/sessions", { headers: admin });
      const otherId = list.body.sessions.find((s: { ip: string }) => s.ip === "127.0.0.21").id;
      const ended = await http(server.baseUrl, "DELETE", `/api/v1/account/sessions/${otherId}`, {
        headers: { ...admin, "X-Request-Id": "seq-06-session-ended" },
      });
      expect(ended.status).toBe(200);
      expect(other.cookie).toBeTruthy();
      await signOut(server.baseUrl, signed.cookie!, "seq-07-signout");

      expect(start).toBeGreaterThan(mark); // the other browser's sign-in, before the sequence
      const adminId = expect.stringMatching(/^\d+$/);
      const me = { type: "user", id: adminId, name: email };
      const events = await since(start);
      expect(events.map(({ id: _, ...e }) => e)).toEqual([
        {
          action: "sign-in.failed",
          actor: { type: "anonymous", id: null, name: null },
          target: { type: "user", id: null, name: email },
          ip: "127.0.0.22",
          requestId: "seq-01-signin-refused",
          detail: { reason: "wrong-credentials" },
          at: expect.any(String),
        },
        {
          action: "sign-in.succeeded",
          actor: me,
          target: me,
          ip: "127.0.0.23",
          requestId: "seq-02-signin",
          detail: {},
          at: expect.any(String),
        },
        {
          action: "token.created",
          actor: me,
          target: { type: "token", id: String(tokenId), name: "MES line 9" },
          ip: "127.0.0.1",
          requestId: "seq-03-token-created",
          detail: { role: "User" },
          at: expect.any(String),
        },
        {
          action: "token.revoked",
          actor: me,
          target: { type: "token", id: String(tokenId), name: "MES line 9" },
          ip: "127.0.0.1",
          requestId: "seq-04-token-revoked",
          detail: {},
          at: expect.any(String),
        },
        {
          action: "password.changed",
          actor: { type: "user", id: adminId, name: user.email },
          target: { type: "user", id: adminId, name: user.email },
          ip: "127.0.0.1",
          requestId: "seq-05-password",
          detail: { endedSessions: 0 },
          at: expect.any(String),
        },
        {
          action: "sessions.ended",
          actor: me,
          target: me,
          ip: "127.0.0.1",
          requestId: "seq-06-session-ended",
          detail: { session: otherId, current: false },
          at: expect.any(String),
        },
        {
          action: "sign-out",
          actor: me,
          target: me,
          ip: "127.0.0.1",
          requestId: "seq-07-signout",
          detail: {},
          at: expect.any(String),
        },
      ]);
      // Never a password, in any event.
      const text = JSON.stringify(events);
      for (const secret of [password, "not the password", user.password, STRONG, created.body.secret])
        expect(text).not.toContain(secret);
    });

    it("only Super users read it: other roles' sessions and tokens get 3001", async () => {
      for (const role of ["User", "Advanced user"] as const) {
        const bySession = await http(server.baseUrl, "GET", "/api/v1/audit", { headers: { Cookie: sessions[role] } });
        expect(bySession.body.code, role).toBe(3001);
        const token = await createTestToken(database.url, role, { name: `reader ${role}` });
        for (const path of ["/api/v1/audit", "/api/v1/audit.csv"]) {
          const res = await http(server.baseUrl, "GET", path, { headers: { Authorization: `Bearer ${token}` } });
          expect(res.body.code, `${role} ${path}`).toBe(3001);
        }
      }
      const bySuper = await http(server.baseUrl, "GET", "/api/v1/audit", {
        headers: { Cookie: sessions["Super user"] },
      });
      expect(bySuper.status).toBe(200);
    });

    it("pages newest first with cursor and limit, and filters by person, action and time", async () => {
      const all = (await audit("?limit=500")).body.events as Event[];
      expect(all.length).toBeGreaterThan(8);
      const ids = all.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const first = await audit("?limit=3");
      expect(first.body.events.map((e: Event) => e.id)).toEqual(ids.slice(0, 3));
      const second = await audit(`?limit=3&cursor=${first.body.nextCursor}`);
      expect(second.body.events.map((e: Event) => e.id)).toEqual(ids.slice(3, 6));
      const person = await audit(`?person=${encodeURIComponent("USER@example.com")}&limit=500`);
      expect(person.body.events.length).toBeGreaterThan(0);
      for (const e of person.body.events)
        expect(JSON.stringify([e.actor, e.target]).toLowerCase()).toContain("user@example.com");
      const action = await audit("?action=sign-out");
      expect(action.body.events.map((e: Event) => e.action)).toEqual(["sign-out"]);
      const future = await audit(`?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
      expect(future.body).toEqual({ events: [], nextCursor: null });
      const past = await audit(`?to=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}&limit=500`);
      expect(past.body.events.length).toBe(all.length);
    });

    it.each([
      ["an unknown parameter", "?page=2", "/page"],
      ["a parameter twice", "?action=sign-out&action=sign-in.failed", "/action"],
      ["an unknown action", "?action=coffee", "/action"],
      ["a limit above 500", "?limit=501", "/limit"],
      ["a date without a time zone", "?from=2026-12-06T10:00:00", "/from"],
    ])("%s is 1001 at its pointer", async (_, query, pointer) => {
      const res = await audit(query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(1001);
      expect(res.body.errors[0].pointer).toBe(pointer);
    });

    it("the CSV holds the filtered events, formulas neutralized", async () => {
      // A refused sign-in whose typed "email" is a formula: anyone can put text into the log this way.
      await signInFrom(server.port, { localAddress: "127.0.0.30", email: "=cmd|'/c calc'!A1", password: "x" });
      const res = await fetch(`${server.baseUrl}/api/v1/audit.csv?action=sign-in.failed`, { headers: admin() });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=UTF-8");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
      const lines = text.split("\r\n");
      expect(lines[0]).toBe(
        "\uFEFFid,at,action,actorType,actorId,actorName,targetType,targetId,targetName,ip,requestId,detail",
      );
      const rows = lines.slice(1, -1);
      const json = (await audit("?action=sign-in.failed&limit=500")).body.events as Event[];
      expect(rows.map((r) => Number(r.split(",")[0]))).toEqual(json.map((e) => e.id));
      expect(rows[0]).toContain(`,user,,'=cmd|'/c calc'!a1,127.0.0.30,`);
      expect(rows.every((r) => r.split(",")[2] === "sign-in.failed")).toBe(true);
      // The same answer through the document's checker (status, headers, media type).
      expect(
        (await http(server.baseUrl, "GET", "/api/v1/audit.csv?action=sign-out", { headers: admin() })).status,
      ).toBe(200);
      const refused = await http(server.baseUrl, "GET", "/api/v1/audit.csv?limit=5", { headers: admin() });
      expect(refused.body).toMatchObject({ code: 1001, errors: [{ pointer: "/limit" }] });
    });
  });
}

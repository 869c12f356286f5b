import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { TEST_ADMIN } from "@/test/support/accounts";
import { createTestToken, createTestUsers, holdHelper } from "@/test/support/fixture-data";
import { apiClient, http } from "@/test/support/http";
import { signInFrom } from "@/test/support/session";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// The account routes over HTTP: one's own password, sessions and language. Each person here is made through
// the CLI, and signs in from a local address of their own (127.0.0.x) with a browser name of the test's.

const STRONG = "plum-kettle-orbit-42";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AccountTest/1.0";

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: the account routes`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let adminToken: string;

    const createUser = (email: string, password: string, role: Role = "User") =>
      createTestUsers(database.url, [{ email, password, role }]);
    const signIn = async (email: string, password: string, localAddress = "127.0.0.5") => {
      const signed = await signInFrom(server.port, {
        localAddress,
        email,
        password,
        headers: { "User-Agent": BROWSER },
      });
      return signed;
    };
    /** The calls of one browser: its session cookie, and writes from the app's own origin. */
    const as = (cookie: string) => apiClient(server.baseUrl, { Cookie: cookie, Origin: server.baseUrl });
    const auditOf = async (action: string, person: string) =>
      (
        await http(server.baseUrl, "GET", `/api/v1/audit?action=${action}&person=${encodeURIComponent(person)}`, {
          headers: { Authorization: `Bearer ${adminToken}` },
        })
      ).body.events;

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      // Each case creates its own person: one helper serves them all, until the database is dropped.
      holdHelper(database.url);
      adminToken = await createTestToken(database.url, "Super user", { name: "account test admin" });
      server = await startServer({
        env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", RATE_LIMIT_SIGNIN_POINTS: "3" },
      });
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("GET /account answers the signed-in person; a token, whatever its role, gets 3001", async () => {
      const signed = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
      const res = await as(signed.cookie!)("GET", "/api/v1/account");
      expect(res.status).toBe(200);
      expect(res.body.account).toMatchObject({
        email: TEST_ADMIN.email,
        role: "Super user",
        source: "local",
        locale: null,
      });
      expect(Date.now() - Date.parse(res.body.account.lastSignInAt)).toBeLessThan(60_000);
      for (const [method, path] of [
        ["GET", "/api/v1/account"],
        ["GET", "/api/v1/account/sessions"],
        ["PUT", "/api/v1/account/password"],
      ] as const) {
        const refused = await http(server.baseUrl, method, path, {
          headers: { Authorization: `Bearer ${adminToken}` },
          json: method === "PUT" ? { currentPassword: TEST_ADMIN.password, newPassword: STRONG } : undefined,
        });
        expect(refused.body.code, `${method} ${path}`).toBe(3001);
      }
    });

    it("the sessions list shows each session's browser, address, start and last sight, this one marked", async () => {
      await createUser("sessions@plant.example", "sessions-password-1");
      const first = await signIn("sessions@plant.example", "sessions-password-1", "127.0.0.6");
      const second = await signIn("sessions@plant.example", "sessions-password-1", "127.0.0.7");
      const res = await as(second.cookie!)("GET", "/api/v1/account/sessions");
      expect(res.status).toBe(200);
      expect(res.body.sessions).toEqual([
        expect.objectContaining({ ip: "127.0.0.7", device: BROWSER, current: true }),
        expect.objectContaining({ ip: "127.0.0.6", device: BROWSER, current: false }),
      ]);
      for (const s of res.body.sessions) {
        expect(s.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
        // Seen at sign-in: a real time (not null, not absent), within a minute of the session's start.
        expect(Math.abs(Date.parse(s.lastSeenAt) - Date.parse(s.createdAt))).toBeLessThan(60_000);
        expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.parse(s.createdAt));
      }
      // The cookie's own session id is not what is listed.
      expect(res.text).not.toContain(first.cookie!.split("=")[1]!.slice(0, 22));
    });

    it("ending another session of one's own signs that browser out; again, or someone else's, is 1005", async () => {
      await createUser("ender@plant.example", "ender-password-12");
      await createUser("bystander@plant.example", "bystander-password-1");
      const keep = await signIn("ender@plant.example", "ender-password-12");
      const other = await signIn("ender@plant.example", "ender-password-12");
      const bystander = await signIn("bystander@plant.example", "bystander-password-1");
      const sessions = (await as(keep.cookie!)("GET", "/api/v1/account/sessions")).body.sessions;
      const otherId = sessions.find((s: { current: boolean }) => !s.current).id;
      const bystanderId = (await as(bystander.cookie!)("GET", "/api/v1/account/sessions")).body.sessions[0].id;

      const ended = await as(keep.cookie!)("DELETE", `/api/v1/account/sessions/${otherId}`, {
        headers: { "X-Request-Id": "end-other-1" },
      });
      expect(ended.status).toBe(200);
      expect(ended.body.session).toMatchObject({ id: otherId, current: false });
      expect((await as(other.cookie!)("GET", "/api/v1/account")).body.code).toBe(2002);
      expect((await as(keep.cookie!)("GET", "/api/v1/account")).status).toBe(200);
      const events = await auditOf("sessions.ended", "ender@plant.example");
      expect(events).toEqual([
        expect.objectContaining({
          actor: { type: "user", id: expect.any(String), name: "ender@plant.example" },
          target: { type: "user", id: expect.any(String), name: "ender@plant.example" },
          requestId: "end-other-1",
          detail: { session: otherId, current: false },
        }),
      ]);

      expect((await as(keep.cookie!)("DELETE", `/api/v1/account/sessions/${otherId}`)).body.code).toBe(1005);
      const foreign = await as(keep.cookie!)("DELETE", `/api/v1/account/sessions/${bystanderId}`);
      expect(foreign.body.code).toBe(1005);
      expect((await as(bystander.cookie!)("GET", "/api/v1/account")).status).toBe(200);
      const bad = await as(keep.cookie!)("DELETE", "/api/v1/account/sessions/not-an-id");
      expect(bad.body).toMatchObject({ code: 1001, errors: [{ pointer: "/path/sessionId" }] });
      expect(await auditOf("sessions.ended", "ender@plant.example")).toHaveLength(1);
      // Ending one's current session is a sign-out.
      const currentId = (await as(keep.cookie!)("GET", "/api/v1/account/sessions")).body.sessions[0].id;
      expect((await as(keep.cookie!)("DELETE", `/api/v1/account/sessions/${currentId}`)).status).toBe(200);
      expect((await as(keep.cookie!)("GET", "/api/v1/account")).body.code).toBe(2002);
    });

    it("changing one's own password ends the other sessions and keeps this one", async () => {
      await createUser("changer@plant.example", "changer-password-1");
      const here = await signIn("changer@plant.example", "changer-password-1");
      const elsewhere = await signIn("changer@plant.example", "changer-password-1", "127.0.0.8");
      const res = await as(here.cookie!)("PUT", "/api/v1/account/password", {
        json: { currentPassword: "changer-password-1", newPassword: STRONG },
        headers: { "X-Request-Id": "change-password-1" },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ endedSessions: 1 });
      expect((await as(here.cookie!)("GET", "/api/v1/account")).status).toBe(200);
      expect((await as(elsewhere.cookie!)("GET", "/api/v1/account")).body.code).toBe(2002);
      expect((await signIn("changer@plant.example", "changer-password-1", "127.0.0.9")).cookie).toBeNull();
      expect((await signIn("changer@plant.example", STRONG, "127.0.0.9")).cookie).toBeTruthy();
      expect(await auditOf("password.changed", "changer@plant.example")).toEqual([
        expect.objectContaining({ requestId: "change-password-1", detail: { endedSessions: 1 }, ip: "127.0.0.1" }),
      ]);
    });

    it.each([
      [
        "a wrong current password",
        { currentPassword: "not-it-at-all", newPassword: STRONG },
        "/currentPassword",
        "is not your current password",
      ],
      [
        "a weak new password",
        { currentPassword: "refused-password-1", newPassword: "password1234" },
        "/newPassword",
        "is too easy to guess: it is a commonly used password",
      ],
      [
        "a new password holding the email",
        { currentPassword: "refused-password-1", newPassword: "Refused-Kettle-Orbit-42" },
        "/newPassword",
        "must not contain your email address or name",
      ],
      [
        "a short new password",
        { currentPassword: "refused-password-1", newPassword: "short" },
        "/newPassword",
        "must be at least 12 characters",
      ],
      [
        "an unknown member",
        { currentPassword: "refused-password-1", newPassword: STRONG, role: "Super user" },
        "/role",
        "unknown member",
      ],
    ])("%s is 1001 at its pointer and changes nothing", async (_, json, pointer, detail) => {
      const email = "refused@plant.example";
      if (!(await signIn(email, "refused-password-1", "127.0.0.10")).cookie)
        await createUser(email, "refused-password-1");
      const here = await signIn(email, "refused-password-1", "127.0.0.10");
      const other = await signIn(email, "refused-password-1", "127.0.0.11");
      const res = await as(here.cookie!)("PUT", "/api/v1/account/password", { json });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 1001, errors: [{ pointer, detail }] });
      expect((await as(other.cookie!)("GET", "/api/v1/account")).status).toBe(200);
      expect(await auditOf("password.changed", email)).toEqual([]);
      expect((await signIn(email, "refused-password-1", "127.0.0.12")).cookie).toBeTruthy();
    });

    it("wrong current passwords meet the sign-in limits: past them 6001, and the right one waits too", async () => {
      await createUser("guesser@plant.example", "guesser-password-1");
      const here = await signIn("guesser@plant.example", "guesser-password-1", "127.0.0.13");
      const put = (currentPassword: string) =>
        as(here.cookie!)("PUT", "/api/v1/account/password", { json: { currentPassword, newPassword: STRONG } });
      // RATE_LIMIT_SIGNIN_POINTS=3 free failures, then a wait.
      for (let i = 0; i < 3; i++) expect((await put(`wrong-${i}`)).body.code).toBe(1001);
      const limited = await put("guesser-password-1");
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe(6001);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await auditOf("password.changed", "guesser@plant.example")).toEqual([]);
    });

    it("the language is kept in the account, set as the page's cookie, and set again at the next sign-in", async () => {
      await createUser("lang@plant.example", "lang-password-123");
      const here = await signIn("lang@plant.example", "lang-password-123");
      const set = await as(here.cookie!)("PATCH", "/api/v1/account", { json: { locale: "ru" } });
      expect(set.status).toBe(200);
      expect(set.body.account.locale).toBe("ru");
      expect(set.headers.get("set-cookie")).toMatch(/^locale=ru; Path=\/; Max-Age=31536000; SameSite=Lax$/);
      const again = await signInFrom(server.port, {
        localAddress: "127.0.0.14",
        email: "lang@plant.example",
        password: "lang-password-123",
      });
      expect(again.cookie).toBeTruthy();
      // Any browser the person signs in with gets their language.
      expect(again.setCookie).toMatch(/locale=ru; Path=\/; Max-Age=31536000; SameSite=Lax/);
      const bad = await as(here.cookie!)("PATCH", "/api/v1/account", { json: { locale: "de" } });
      expect(bad.body).toMatchObject({ code: 1001, errors: [{ pointer: "/locale" }] });
      expect((await as(here.cookie!)("GET", "/api/v1/account")).body.account.locale).toBe("ru");
      const cleared = await as(here.cookie!)("PATCH", "/api/v1/account", { json: { locale: null } });
      expect(cleared.headers.get("set-cookie")).toMatch(/^locale=; Path=\/; Max-Age=0/);
      expect(cleared.body.account.locale).toBeNull();
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES, SESSION_ONLY, type RouteKey } from "@/lib/api/routes";
import { ROLES, type Role } from "@/lib/auth/roles";
import { createRoleUsers, createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { http } from "@/test/support/http";
import { setupSessionCookie, signInOverHttp } from "@/test/support/session";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { runScript } from "@/test/support/run-script";
import { take } from "@/test/support/take";
import { startServer, type TestServer } from "@/test/support/test-server";
import { ROLE_USERS } from "@/test/support/accounts";

type Credential = { name: string; headers: () => Record<string, string>; role?: Role; expect?: 2002 | 2004 };

async function openStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const ok = res.status < 300;
  const text = ok ? "" : await res.text();
  controller.abort();
  return { status: res.status, headers: res.headers, text, body: ok ? undefined : JSON.parse(text) };
}

const PROTECTED = (Object.keys(API_ROUTES) as RouteKey[]).filter((k) => API_ROUTES[k] !== "public");

for (const { provider, options } of PROVIDERS) {
  // PostgreSQL runs only where TEST_DATABASE_URL names a server (.ci/run sets it); elsewhere it shows as skipped.
  describe(`${provider}: who may call what (the route table × every kind of credential)`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    const tokens = {} as Record<Role | "expired" | "revoked" | "admin", string>;
    const sessions = {} as Record<Role, string>;
    let processIds: number[] = [];
    let spareTokenIds: number[] = [];
    /** A second session of each role's user, which that user's DELETE of one of their sessions ends. */
    const spareSessions = {} as Record<Role, string>;
    const spareUserIds: number[] = [];
    const spareWebhookIds: number[] = [];

    const admin = () => ({ Authorization: `Bearer ${tokens.admin}` });
    const state = async () => {
      const [processes, list] = await Promise.all([
        http(server.baseUrl, "GET", "/api/v1/processes", { headers: admin() }).then((r) => r.body.processes),
        http(server.baseUrl, "GET", "/api/v1/tokens", { headers: admin() }).then((r) => r.body.tokens),
      ]);
      // lastUsedAt moves on every authenticated call by design; everything else must stay.
      return { processes, tokens: list.map(({ lastUsedAt: _, ...t }: { lastUsedAt: unknown }) => t) };
    };

    /** A request that would succeed for an allowed caller. */
    function requestFor(route: RouteKey, role?: Role): { method: string; path: string; json?: unknown } {
      const [method] = take(route.split(" "), 1);
      const id = processIds[0];
      switch (route) {
        case "GET /api/v1/processes":
          return { method, path: "/api/v1/processes" };
        case "PUT /api/v1/processes":
          return { method, path: "/api/v1/processes", json: { processes: [{ id, name: "Bulk", comment: "" }] } };
        case "PUT /api/v1/processes/{id}":
          return { method, path: `/api/v1/processes/${id}`, json: { name: "One", comment: "" } };
        case "GET /api/v1/processes/{id}":
          return { method, path: `/api/v1/processes/${id}` };
        case "GET /api/v1/processes/{id}/history":
          return { method, path: `/api/v1/processes/${id}/history` };
        case "GET /api/v1/processes/events":
          return { method, path: "/api/v1/processes/events" };
        case "GET /api/v1/tokens":
          return { method, path: "/api/v1/tokens" };
        case "POST /api/v1/tokens":
          return { method, path: "/api/v1/tokens", json: { name: "made by test", role: "User" } };
        case "DELETE /api/v1/tokens/{id}":
          return { method, path: `/api/v1/tokens/${spareTokenIds.shift()}` };
        case "GET /api/v1/account":
        case "GET /api/v1/account/sessions":
        case "GET /api/v1/audit":
        case "GET /api/v1/audit.csv":
        case "GET /api/v1/history.csv":
        case "GET /api/v1/history.html":
          return { method, path: route.split(" ")[1]! };
        case "PATCH /api/v1/account":
          return { method, path: "/api/v1/account", json: { locale: "en" } };
        case "PUT /api/v1/account/password":
          // A wrong current password: 1001 for a person, so an allowed call is told by its status (400, not 401/403).
          return {
            method,
            path: "/api/v1/account/password",
            json: { currentPassword: "x", newPassword: "plum-kettle-orbit-42" },
          };
        case "DELETE /api/v1/account/sessions/{sessionId}":
          return { method, path: `/api/v1/account/sessions/${role ? spareSessions[role] : "A".repeat(22)}` };
        case "GET /api/v1/users":
          return { method, path: "/api/v1/users" };
        case "POST /api/v1/users":
          return { method, path: "/api/v1/users", json: { email: `u${Math.random()}@plant.example`, role: "User" } };
        case "PATCH /api/v1/users/{id}":
          return { method, path: `/api/v1/users/${spareUserIds[0]}`, json: { name: "Renamed" } };
        case "DELETE /api/v1/users/{id}":
          return { method, path: `/api/v1/users/${spareUserIds.pop()}` };
        case "POST /api/v1/users/{id}/password-link":
          return { method, path: `/api/v1/users/${spareUserIds[0]}/password-link` };
        case "DELETE /api/v1/users/{id}/sessions":
          return { method, path: `/api/v1/users/${spareUserIds[0]}/sessions` };
        case "GET /api/v1/me":
          return { method, path: "/api/v1/me" };
        case "PUT /api/v1/presence/{page}":
          return { method, path: `/api/v1/presence/${"P".repeat(22)}`, json: { editing: [] } };
        case "DELETE /api/v1/presence/{page}":
          return { method, path: `/api/v1/presence/${"P".repeat(22)}` };
        case "GET /api/v1/webhooks":
          return { method, path: "/api/v1/webhooks" };
        case "POST /api/v1/webhooks":
          return { method, path: "/api/v1/webhooks", json: { url: "http://127.0.0.1:9/access" } };
        case "DELETE /api/v1/webhooks/{id}":
          return { method, path: `/api/v1/webhooks/${spareWebhookIds.pop()}` };
        case "GET /api/v1/webhooks/{id}/deliveries":
          return { method, path: `/api/v1/webhooks/${spareWebhookIds[0]}/deliveries` };
        case "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry":
          // No such delivery: 1005 for a Super user, so an allowed call is told by its code (not 401/403).
          return { method, path: `/api/v1/webhooks/${spareWebhookIds[0]}/deliveries/999999/retry` };
        case "GET /api/v1/change-control":
          return { method, path: "/api/v1/change-control" };
        case "PUT /api/v1/change-control":
          // The defaults again: allowed callers change nothing that a later case depends on.
          return {
            method,
            path: "/api/v1/change-control",
            json: { reasonMode: "off", standardReasons: [], signatures: false, protection: "none", protectedIds: [] },
          };
        case "GET /api/v1/change-requests":
          return { method, path: "/api/v1/change-requests" };
        // No such request: 1005 for an allowed caller (who may decide is checked on a request that exists).
        case "GET /api/v1/change-requests/{id}":
          return { method, path: "/api/v1/change-requests/999999" };
        case "POST /api/v1/change-requests/{id}/approve":
          return { method, path: "/api/v1/change-requests/999999/approve", json: {} };
        case "POST /api/v1/change-requests/{id}/reject":
          return { method, path: "/api/v1/change-requests/999999/reject", json: { reason: "Access check" } };
        case "POST /api/v1/change-requests/{id}/withdraw":
          return { method, path: "/api/v1/change-requests/999999/withdraw", json: {} };
        default:
          throw new Error(`no request for ${route}`);
      }
    }

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 5);
      await createRoleUsers(database.url);
      // The observer through the CLI, as an administrator starts; the other tokens through the API (a CLI run
      // costs a process start, about a second of CPU; the route table, not token creation, is under test here).
      tokens.admin = await createTestToken(database.url, "Super user", { name: "observer" });
      // The observer token reads the state twice per case (the routes × 12 credentials): more than the default
      // 600 API points a minute. The limit is not this suite's subject (lib/rate-limit has its own).
      server = await startServer({
        env: {
          DATABASE_URL: database.url,
          SEED_DEMO_DATA: "false",
          RATE_LIMIT_API_POINTS: "100000",
          WEBHOOK_ALLOW: "127.0.0.1/32",
        },
      });
      const create = async (name: string, role: Role, expiresInSeconds?: number) => {
        const res = await http(server.baseUrl, "POST", "/api/v1/tokens", {
          headers: admin(),
          json: { name, role, ...(expiresInSeconds ? { expiresInSeconds } : {}) },
        });
        expect(res.status, `token ${name}`).toBe(201);
        return res.body.secret as string;
      };
      tokens.expired = await create("short-lived", "Super user", 1);
      const expiredAt = Date.now() + 1_000;
      for (const role of ROLES) tokens[role] = await create(`${role} test token`, role);
      tokens.revoked = await create("to revoke", "Super user");
      for (let i = 0; i < 12; i++) await create(`spare ${i}`, "User");
      for (const role of ROLES) {
        sessions[role] = await setupSessionCookie(server.baseUrl, ROLE_USERS[role].email, ROLE_USERS[role].password);
      }
      for (const role of ROLES) {
        await signInOverHttp(server.baseUrl, ROLE_USERS[role].email, ROLE_USERS[role].password);
        const listed = await http(server.baseUrl, "GET", "/api/v1/account/sessions", {
          headers: { Cookie: sessions[role] },
        });
        spareSessions[role] = listed.body.sessions.find((s: { current: boolean }) => !s.current).id;
      }
      const listedTokens = (await http(server.baseUrl, "GET", "/api/v1/tokens", { headers: admin() })).body.tokens;
      // Revoked through the CLI while the server runs, as an administrator would.
      const revokedId = listedTokens.find((t: { name: string }) => t.name === "to revoke").id;
      const revoke = await runScript("scripts/cli.ts", ["tokens:revoke", String(revokedId)], {
        DATABASE_URL: database.url,
      });
      expect(revoke.stdout).toContain(`Revoked token ${revokedId}`);
      spareTokenIds = listedTokens
        .filter((t: { name: string }) => t.name.startsWith("spare"))
        .map((t: { id: number }) => t.id);
      processIds = (await state()).processes.map((p: { id: number }) => p.id);
      for (let i = 0; i < 14; i++) {
        const json = { email: `spare${i}@plant.example`, role: "User" };
        spareUserIds.push(
          (await http(server.baseUrl, "POST", "/api/v1/users", { json, headers: admin() })).body.user.id,
        );
      }
      // One per credential for the DELETE (each takes one), and one that stays for the deliveries routes.
      for (let i = 0; i < 14; i++) {
        const json = { url: `http://127.0.0.1:9/spare-${i}` };
        spareWebhookIds.push(
          (await http(server.baseUrl, "POST", "/api/v1/webhooks", { json, headers: admin() })).body.webhook.id,
        );
      }
      await new Promise((r) => setTimeout(r, Math.max(0, expiredAt + 100 - Date.now())));
      // Six CLI runs, each a few seconds on a loaded two-core machine.
    }, 600_000);

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    const origin = () => ({ Origin: server.baseUrl });
    const credentials: Credential[] = [
      { name: "no credentials", headers: () => ({}), expect: 2004 },
      { name: "a garbage token", headers: () => ({ Authorization: "Bearer not-a-token" }), expect: 2004 },
      {
        name: "a well-formed unknown token",
        headers: () => ({ Authorization: `Bearer ppt_${"A".repeat(43)}` }),
        expect: 2004,
      },
      { name: "a revoked token", headers: () => ({ Authorization: `Bearer ${tokens.revoked}` }), expect: 2004 },
      { name: "an expired token", headers: () => ({ Authorization: `Bearer ${tokens.expired}` }), expect: 2002 },
      ...ROLES.map((role) => ({
        name: `a ${role} token`,
        headers: () => ({ Authorization: `Bearer ${tokens[role]}` }),
        role,
      })),
      ...ROLES.map((role) => ({
        name: `a ${role} session`,
        headers: () => ({ Cookie: sessions[role], ...origin() }),
        role,
      })),
    ];

    const matrix = PROTECTED.flatMap((route) => credentials.map((c) => [route, c.name, c] as const));
    /**
     * The state read after the matrix case `index` was refused and found unchanged. Nothing runs between it and
     * the next case (the cases run one after another), so that case takes it as its own `before` instead of
     * reading the state again: two of the five requests of a refused case, on most of the 290 per database (issue 19).
     */
    let settled: { index: number; state: Awaited<ReturnType<typeof state>> } | null = null;

    it("walks every protected route in the table", () => {
      expect(PROTECTED.length).toBe(39);
      expect(matrix.length).toBe(PROTECTED.length * credentials.length);
    });

    it.each(matrix)("%s with %s", async (route, _, credential) => {
      const index = matrix.findIndex(([r, name]) => r === route && name === credential.name);
      const previous = settled?.index === index - 1 ? settled.state : null;
      settled = null;
      // The account routes are a person's: a token is refused whatever its role.
      const person = !SESSION_ONLY.has(route) || credential.name.endsWith("session");
      const allowed =
        person && credential.role !== undefined && (API_ROUTES[route] as readonly Role[]).includes(credential.role);
      // An allowed call changes state by design; only a refused one is checked for changing nothing.
      const before = allowed ? null : (previous ?? (await state()));
      const req = requestFor(route, credential.name.endsWith("session") ? credential.role : undefined);
      // The event stream never ends by itself: its status and headers are the answer.
      const res =
        route === "GET /api/v1/processes/events"
          ? await openStream(server.baseUrl + req.path, credential.headers())
          : await http(server.baseUrl, req.method, req.path, { json: req.json, headers: credential.headers() });
      if (allowed) {
        if (route === "PUT /api/v1/account/password")
          expect(res.body.errors, res.text).toEqual([
            { pointer: "/currentPassword", detail: "is not your current password" },
          ]);
        else if (
          route === "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry" ||
          route.includes("/change-requests/{id}")
        )
          expect(res.body.code, res.text).toBe(1005);
        else expect(res.status, res.text).toBeLessThan(300);
        expect(res.headers.get("ratelimit")).toMatch(/^"api";r=\d+;t=\d+$/);
        return;
      }
      const code = credential.expect ?? 3001;
      expect(res.body.code, res.text).toBe(code);
      expect(res.status).toBe(code === 3001 ? 403 : 401);
      if (code !== 3001) expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="api"/);
      if (code !== 3001 && credential.name.includes("token"))
        expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
      if (code === 2002) expect(res.headers.get("www-authenticate")).toContain("error_description=");
      const after = await state();
      expect(after).toEqual(before);
      settled = { index, state: after };
    });

    it("a write with a session cookie from another origin is refused; the same write with a Bearer token passes", async () => {
      const before = await state();
      const path = `/api/v1/processes/${processIds[1]}`;
      const json = { name: "Cross-site", comment: "" };
      const variants: Record<string, string>[] = [
        { Origin: "http://evil.example" },
        { "Sec-Fetch-Site": "cross-site", Origin: "http://evil.example" },
        {},
      ];
      for (const headers of variants) {
        const res = await http(server.baseUrl, "PUT", path, {
          json,
          headers: { Cookie: sessions["Super user"], ...headers },
        });
        expect(res.body.code, JSON.stringify(headers)).toBe(3001);
      }
      expect(await state()).toEqual(before);
      const bearer = await http(server.baseUrl, "PUT", path, {
        json,
        headers: { Authorization: `Bearer ${tokens["Advanced user"]}`, Origin: "http://evil.example" },
      });
      expect(bearer.status).toBe(200);
      expect(bearer.body.name).toBe("Cross-site");
    });

    it("a token created through the API is shown once, listed without its secret, and stops working when revoked", async () => {
      const created = await http(server.baseUrl, "POST", "/api/v1/tokens", {
        json: { name: "MES gateway", role: "Advanced user", expiresInSeconds: 3600 },
        headers: admin(),
      });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^ppt_[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(created.body.token.expiresAt) - Date.parse(created.body.token.createdAt)).toBeCloseTo(
        3_600_000,
        -3,
      );
      const list = await http(server.baseUrl, "GET", "/api/v1/tokens", { headers: admin() });
      expect(list.text).not.toContain(created.body.secret);
      expect(list.body.tokens.find((t: { id: number }) => t.id === created.body.token.id)).toMatchObject({
        name: "MES gateway",
        revokedAt: null,
      });
      const use = () =>
        http(server.baseUrl, "GET", "/api/v1/processes", {
          headers: { Authorization: `Bearer ${created.body.secret}` },
        });
      expect((await use()).status).toBe(200);
      const revoked = await http(server.baseUrl, "DELETE", `/api/v1/tokens/${created.body.token.id}`, {
        headers: admin(),
      });
      expect(revoked.body.token.revokedAt).not.toBeNull();
      expect((await use()).body.code).toBe(2004);
    });

    it.each([
      ["no expiry beyond a year", { name: "x", role: "User", expiresInSeconds: 366 * 86400 }, "/expiresInSeconds"],
      ["a known role", { name: "x", role: "Admin" }, "/role"],
      ["a name", { name: " ", role: "User" }, "/name"],
    ])("creating a token requires %s (1001, nothing created)", async (_, json, pointer) => {
      const before = await state();
      const res = await http(server.baseUrl, "POST", "/api/v1/tokens", { json, headers: admin() });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].pointer).toBe(pointer);
      expect(await state()).toEqual(before);
    });

    it("no secret reaches the server log", async () => {
      const log = server.output();
      for (const secret of Object.values(tokens)) expect(log).not.toContain(secret);
      for (const { password } of Object.values(ROLE_USERS)) expect(log).not.toContain(password);
      for (const cookie of Object.values(sessions)) expect(log).not.toContain(cookie.split("=")[1]);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, createTestUsers } from "@/test/support/fixture-data";
import { TEST_ADMIN } from "@/test/support/accounts";
import { http } from "@/test/support/http";
import { signInOverHttp } from "@/test/support/session";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { runScript } from "@/test/support/run-script";
import { startServer, type TestServer } from "@/test/support/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sign-in, sessions and first run", () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = await startServer({
      env: { DATABASE_URL: database.url, RATE_LIMIT_SIGNIN_POINTS: "4", SESSION_MAX_AGE_SECONDS: "3600" },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("the first start created the Super user from ADMIN_EMAIL/ADMIN_PASSWORD, whose session reads and writes", async () => {
    const signed = await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
    expect(signed.cookie).toMatch(/^next-auth\.session-token=/);
    const cookieLine = signed.setCookie.find((c) => c.startsWith("next-auth.session-token="))!;
    expect(cookieLine).toMatch(/HttpOnly/i);
    expect(cookieLine).toMatch(/SameSite=Lax/i);
    const list = await http(server.baseUrl, "GET", "/api/v1/processes", { headers: { Cookie: signed.cookie! } });
    expect(list.status).toBe(200);
    expect(list.body.processes.length).toBe(8); // the demo processes of a first start
    const session = await http(server.baseUrl, "GET", "/api/auth/session", { headers: { Cookie: signed.cookie! } });
    expect(session.body.user).toMatchObject({ email: TEST_ADMIN.email, role: "Super user" });
    expect(Date.parse(session.body.expires) - Date.now()).toBeGreaterThan(3_500_000);
    expect(Date.parse(session.body.expires) - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it("a wrong password and an unknown email get the same answer, and neither gets a session", async () => {
    const wrongPassword = await signInOverHttp(server.baseUrl, TEST_ADMIN.email, "not the password at all");
    const unknownEmail = await signInOverHttp(server.baseUrl, "nobody@example.com", "not the password at all");
    expect(wrongPassword.cookie).toBeNull();
    expect(unknownEmail.cookie).toBeNull();
    expect(wrongPassword.status).toBe(unknownEmail.status);
    expect(wrongPassword.url).toBe(unknownEmail.url);
    expect(wrongPassword.url).toContain("error=CredentialsSignin");
  });

  it("repeated failures for one address and email hit the sign-in limit, even with the right password", async () => {
    const email = "limit-test@example.com";
    await createTestUsers(database.url, [{ email, password: "the-right-password", role: "User" }]);
    const urls = [];
    for (let i = 0; i < 4; i++) urls.push((await signInOverHttp(server.baseUrl, email, `wrong-${i}`)).url);
    expect(urls.every((u) => u?.includes("error=CredentialsSignin"))).toBe(true);
    const limited = await signInOverHttp(server.baseUrl, email, "the-right-password");
    expect(limited.cookie).toBeNull();
    expect(limited.url).toContain("error=TooManyAttempts");
    // Another email from the same address is not affected.
    expect((await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password)).cookie).toBeTruthy();
  });

  it("a tampered or stale session cookie is refused with 2002", async () => {
    const res = await http(server.baseUrl, "GET", "/api/v1/processes", {
      headers: { Cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..garbage" },
    });
    expect(res.body.code).toBe(2002);
    expect(res.status).toBe(401);
  });

  it("a token created with --expires-in works, then answers 2002 once expired", { timeout: 90_000 }, async () => {
    // The expiry is counted from inside the CLI, between these two instants; a loaded machine may take
    // seconds to start it, so the window is wide and the wait runs from the CLI's end.
    const lifetimeMs = 12_000;
    const token = await createTestToken(database.url, "User", { expiresIn: lifetimeMs / 1000 });
    const created = Date.now();
    const get = () =>
      http(server.baseUrl, "GET", "/api/v1/processes", { headers: { Authorization: `Bearer ${token}` } });
    expect((await get()).status).toBe(200);
    await sleep(created + lifetimeMs + 100 - Date.now());
    const expired = await get();
    expect(expired.body).toMatchObject({ code: 2002, title: "Access token expired", status: 401 });
    expect(expired.headers.get("www-authenticate")).toMatch(
      /error="invalid_token", error_description="The access token expired"/,
    );
  });

  it("pages carry the security headers: a CSP with a nonce and no inline scripts, nosniff, referrer policy", async () => {
    const res = await fetch(`${server.baseUrl}/signin`);
    const csp = res.headers.get("content-security-policy")!;
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe("first start without admin settings", () => {
  it("in production, with no user and no ADMIN_EMAIL/ADMIN_PASSWORD, the server refuses to start and says why", async () => {
    const database = await createTestDatabase("sqlite");
    try {
      const started = startServer({ env: { DATABASE_URL: database.url, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" } });
      await expect(started).rejects.toThrow(/No user exists: set ADMIN_EMAIL and ADMIN_PASSWORD/);
    } finally {
      await database.drop();
    }
  });

  it(
    "users:bootstrap creates the Super user with a generated password printed once, which signs in",
    { timeout: 90_000 },
    async () => {
      const database = await createTestDatabase("sqlite");
      try {
        const env = { DATABASE_URL: database.url, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" };
        const first = await runScript("scripts/cli.ts", ["users:bootstrap"], env);
        const password = /Password \(shown once\): (\S+)/.exec(first.stdout)?.[1];
        expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
        const again = await runScript("scripts/cli.ts", ["users:bootstrap"], env);
        expect(again.stdout).toContain("A user exists already");
        const server = await startServer({ env });
        try {
          const signed = await signInOverHttp(server.baseUrl, "admin@localhost.localdomain", password!);
          expect(signed.cookie).toBeTruthy();
        } finally {
          await server.stop();
        }
      } finally {
        await database.drop();
      }
    },
  );
});

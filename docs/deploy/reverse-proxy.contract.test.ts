// Issue 24: the reverse proxy of docs/deploy/nginx.conf, run as written (placeholders filled in), with TLS from a
// certificate made here, in front of two instances on one PostgreSQL: client addresses come only through
// TRUSTED_PROXIES, the event stream passes unbuffered and resumes after nginx restarts, HSTS and Secure cookies
// are set, and a person signs in and saves in Chromium through it.
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "@playwright/test";
import http from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "@/test/support/accounts";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { headerValues, httpsRequest, openHttpsEvents, type HttpsTarget } from "@/test/support/https-client";
import { assertNginxInstalled, makeCertificate, renderSite, startNginx, type Nginx } from "@/test/support/nginx";
import { NEEDS_POSTGRES, postgresTestUrl, runIf } from "@/test/support/requirements";
import type { SseEvent } from "@/test/support/sse";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { freePort, startServer, type TestServer } from "@/test/support/test-server";
import en from "@/messages/en.json" with { type: "json" };

const SITE = path.join(process.cwd(), "docs/deploy/nginx.conf");
const CLIENT = "127.0.0.5"; // the test's own address towards nginx and the app: another TCP peer than nginx
const SPOOFED = "203.0.113.9";

describe(
  "nginx in front of two instances (docs/deploy/nginx.conf)",
  runIf(Boolean(postgresTestUrl), NEEDS_POSTGRES),
  () => {
    let dir: string;
    let database: TestDatabase;
    let servers: TestServer[] = [];
    let nginx: Nginx | undefined;
    let proxy: HttpsTarget;
    let appUrl: string;
    let httpPort: number;
    let writer: string;
    let reader: string;
    let ids: number[];

    beforeAll(async () => {
      assertNginxInstalled();
      dir = mkdtempSync(path.join(tmpdir(), "nginx-test-"));
      const certificate = await makeCertificate(dir);
      const httpsPort = await freePort();
      httpPort = await freePort();
      appUrl = `https://localhost:${httpsPort}`;
      database = await createTestDatabase("postgresql");
      await seedProcesses(database.url, 5);
      writer = await createTestToken(database.url, "Advanced user", { name: "proxy writer" });
      reader = await createTestToken(database.url, "User", { name: "proxy reader" });
      const env = {
        DATABASE_URL: database.url,
        SEED_DEMO_DATA: "false",
        APP_URL: appUrl,
        // Unset (the harness's "false" removed): Secure cookies and HSTS follow from the https APP_URL.
        AUTH_SECURE_COOKIES: "",
        TRUSTED_PROXIES: "127.0.0.1",
      };
      servers = await Promise.all([startServer({ env }), startServer({ env })]);
      const site = renderSite(readFileSync(SITE, "utf8"), {
        SERVER_NAME: "localhost",
        APP_URL: appUrl,
        HTTPS_PORT: `127.0.0.1:${httpsPort}`,
        HTTP_PORT: `127.0.0.1:${httpPort}`,
        CERTIFICATE: certificate.certificate,
        CERTIFICATE_KEY: certificate.key,
        APP_1: `127.0.0.1:${servers[0]!.port}`,
        APP_2: `127.0.0.1:${servers[1]!.port}`,
      });
      nginx = await startNginx(path.join(dir, "nginx"), site, httpsPort);
      proxy = { port: httpsPort, ca: certificate.pem, localAddress: CLIENT };
      const list = await httpsRequest(proxy, "GET", "/api/v1/processes", {
        headers: { Authorization: `Bearer ${reader}` },
      });
      ids = (JSON.parse(list.body) as { processes: { id: number }[] }).processes.map((p) => p.id);
    }, 240_000);

    afterAll(async () => {
      await nginx?.stop();
      await Promise.all(servers.map((s) => s.stop()));
      await database?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** The address an instance logged for the request with this id (the one that served it). */
    async function loggedAddress(requestId: string): Promise<unknown> {
      for (let i = 0; i < 50; i++) {
        for (const server of servers) {
          const line = server
            .output()
            .split("\n")
            .find((l) => l.includes(`"requestId":"${requestId}"`));
          if (line) return (JSON.parse(line) as { ip: unknown }).ip;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no instance logged request ${requestId}`);
    }

    it("the client's address comes through nginx (a listed proxy); a spoofed X-Forwarded-For is never believed", async () => {
      const viaProxy = `proxy-${Date.now()}`;
      const answer = await httpsRequest(proxy, "GET", "/api/v1/errors", {
        headers: { "X-Forwarded-For": SPOOFED, "X-Request-Id": viaProxy },
      });
      expect(answer.status).toBe(200);
      expect(await loggedAddress(viaProxy)).toBe(CLIENT);

      // Straight to an instance, the same header from a peer not in TRUSTED_PROXIES is dropped too.
      for (const spoofed of [SPOOFED, "127.0.0.1"]) {
        const direct = `direct-${spoofed}-${Date.now()}`;
        const status = await new Promise<number>((resolve, reject) => {
          const req = http.get({
            host: "127.0.0.1",
            port: servers[0]!.port,
            path: "/api/v1/errors",
            localAddress: "127.0.0.6",
            headers: { "X-Forwarded-For": spoofed, "X-Request-Id": direct },
          });
          req.once("error", reject);
          req.once("response", (res) => (res.resume(), resolve(res.statusCode ?? 0)));
        });
        expect(status).toBe(200);
        expect(await loggedAddress(direct)).toBe("127.0.0.6");
      }
    });

    it("HSTS once, Secure cookies, the sign-in's address; plain HTTP redirects to APP_URL whatever the Host", async () => {
      const page = await httpsRequest(proxy, "GET", "/signin");
      expect(page.status).toBe(200);
      expect(headerValues(page, "strict-transport-security")).toEqual(["max-age=31536000"]);

      const csrf = await httpsRequest(proxy, "GET", "/api/auth/csrf");
      const csrfCookie = headerValues(csrf, "set-cookie")
        .map((c) => c.split(";")[0])
        .join("; ");
      expect(csrfCookie).toMatch(/^__Host-next-auth\.csrf-token=/);
      const signIn = await httpsRequest(proxy, "POST", "/api/auth/callback/credentials", {
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie, Origin: appUrl },
        body: new URLSearchParams({
          csrfToken: (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken,
          email: TEST_ADMIN.email,
          password: TEST_ADMIN.password,
          json: "true",
        }).toString(),
      });
      const session = headerValues(signIn, "set-cookie").find((c) => c.startsWith("__Secure-next-auth.session-token="));
      expect(session?.split(";").map((a) => a.trim().toLowerCase())).toEqual(
        expect.arrayContaining(["secure", "httponly"]),
      );
      expect(headerValues(signIn, "strict-transport-security")).toEqual(["max-age=31536000"]);

      const sessions = await httpsRequest(proxy, "GET", "/api/v1/account/sessions", {
        headers: { Cookie: session!.split(";")[0]! },
      });
      const current = (JSON.parse(sessions.body) as { sessions: { ip: string; current: boolean }[] }).sessions.find(
        (s) => s.current,
      );
      expect(current?.ip).toBe(CLIENT);

      const redirect = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http
          .get({
            host: "127.0.0.1",
            port: httpPort,
            path: "/settings/processes?x=1",
            headers: { Host: "evil.example" },
          })
          .once("response", (res) => (res.resume(), resolve(res)))
          .once("error", reject),
      );
      expect(redirect.statusCode).toBe(301);
      expect(redirect.headers.location).toBe(`${appUrl}/settings/processes?x=1`);
    });

    it("events pass as they come, and a stream resumes with Last-Event-ID after nginx restarts", async () => {
      const auth = { Authorization: `Bearer ${reader}` };
      const put = (name: string, target: HttpsTarget = proxy) =>
        httpsRequest(target, "PUT", `/api/v1/processes/${ids[0]}`, {
          headers: { Authorization: `Bearer ${writer}`, "Content-Type": "application/json" },
          body: JSON.stringify({ name, comment: "" }),
        });
      const named = (name: string) => (e: SseEvent) => e.event === "process" && e.data.name === name;

      const stream = await openHttpsEvents(proxy, "/api/v1/processes/events", auth);
      expect(stream.status).toBe(200);
      expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
      expect((await put("Through nginx")).status).toBe(200);
      // A buffering proxy would hold this small event until its buffer filled or the stream ended.
      const seen = await stream.next(named("Through nginx"));
      expect(stream.open()).toBe(true);

      await nginx!.restart();
      await stream.ended;
      // Written while the reader was away (straight to an instance, as another client would meanwhile).
      const direct = await fetch(`${servers[1]!.baseUrl}/api/v1/processes/${ids[0]}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${writer}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "While nginx restarted", comment: "" }),
      });
      expect(direct.status).toBe(200);
      const resumed = await openHttpsEvents(proxy, "/api/v1/processes/events", { ...auth, "Last-Event-ID": seen.id! });
      try {
        expect(resumed.status).toBe(200);
        const replayed = await resumed.next(named("While nginx restarted"));
        expect(replayed.data).toMatchObject({ id: ids[0], previous: { name: "Through nginx" } });
      } finally {
        resumed.close();
      }
    });

    it("a person signs in and saves through nginx in Chromium", { timeout: 120_000 }, async () => {
      let browser: Browser | undefined;
      try {
        browser = await playwright.launch({
          executablePath: process.env.CHROMIUM_PATH || (await chromium.executablePath()),
          args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        });
        // The test's own certificate is not in Chromium's store; the CA-checked client above covers TLS itself.
        const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: appUrl, locale: "en-US" });
        const page = await context.newPage();
        await page.goto("/settings/processes");
        await page.waitForURL(/\/signin\?callbackUrl=/);
        await page.getByLabel(en.signIn.email).fill(TEST_ADMIN.email);
        await page.getByLabel(en.signIn.password).fill(TEST_ADMIN.password);
        await page.getByRole("button", { name: en.signIn.submit }).click();
        await page.waitForURL(/\/settings\/processes$/, { timeout: 60_000 });
        const id = ids[1]!;
        await page.getByRole("textbox", { name: `Name of process ${id}`, exact: true }).fill("Saved through nginx");
        await page.getByRole("button", { name: `Save process ${id}`, exact: true }).click();
        await page.getByRole("status").getByText(`Process ${id} saved.`).waitFor({ timeout: 30_000 });

        const cookies = await context.cookies();
        expect(cookies.find((c) => c.name === "__Secure-next-auth.session-token")?.secure).toBe(true);
        const stored = await httpsRequest(proxy, "GET", `/api/v1/processes/${id}`, {
          headers: { Authorization: `Bearer ${reader}` },
        });
        expect(JSON.parse(stored.body)).toMatchObject({ id, name: "Saved through nginx" });
      } finally {
        await browser?.close();
      }
    });
  },
);

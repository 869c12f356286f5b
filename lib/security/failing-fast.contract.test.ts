import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { freePort, startExpectingExit } from "@/test/support/test-server";

// Issue 8, item 10: a wrong setting stops `npm start` with a non-zero exit before anything listens, and the
// message names the variable and what it allows. Settings are checked before Next loads, so most cases
// need no database; those found later (the port, the host, the first user) run against each provider.

const NO_DATABASE = { DATABASE_URL: "file:/nonexistent-dir/never-opened.db" };

describe("failing fast: a wrong setting stops the start before anything listens", () => {
  it.each<[string, Record<string, string>, string]>([
    [
      "an unsupported database",
      { DATABASE_URL: "mysql://x" },
      "DATABASE_URL: must start with file: (SQLite) or postgresql://",
    ],
    ["an unknown log level", { LOG_LEVEL: "verbose" }, "LOG_LEVEL: must be debug, info, warn, error or silent"],
    ["a port that is not a number", { PORT: "abc" }, "PORT: must be a port number from 1 to 65535"],
    ["a port out of range", { PORT: "70000" }, "PORT: must be a port number from 1 to 65535"],
    ["a host name that is not one", { HOSTNAME: "not a host!" }, "HOSTNAME: must be an IP address"],
    ["no public origin in production", { APP_URL: "", NEXTAUTH_URL: "" }, "APP_URL: required in production"],
    [
      "a public origin that is not http(s)",
      { APP_URL: "ftp://processes.plant.example" },
      "APP_URL: must be the public origin",
    ],
    ["a public origin with a path", { APP_URL: "https://plant.example/processes" }, "no path"],
    ["two different public origins", { NEXTAUTH_URL: "https://other.example" }, "APP_URL: differs from NEXTAUTH_URL"],
    ["trusting the Host header", { AUTH_TRUST_HOST: "true" }, "AUTH_TRUST_HOST: is not supported"],
    [
      "a proxy range that is not one",
      { TRUSTED_PROXIES: "10.0.0.1, 10.0.0.0/33" },
      'TRUSTED_PROXIES: "10.0.0.0/33" is not an IP address or CIDR range',
    ],
    ["a body limit that is not a number", { MAX_BODY_BYTES: "lots" }, "MAX_BODY_BYTES: must be a whole number above 0"],
    [
      "a yes/no setting that is neither",
      { AUTH_SECURE_COOKIES: "maybe" },
      "AUTH_SECURE_COOKIES: must be one of true, false",
    ],
    ["a short admin password", { ADMIN_PASSWORD: "short" }, "ADMIN_PASSWORD: must be at least 12 characters"],
    [
      "an unknown rate-limit store",
      { RATE_LIMIT_STORE: "etcd" },
      "RATE_LIMIT_STORE: must be memory, redis or postgres",
    ],
    [
      "a Redis URL that is not one",
      { REDIS_URL: "http://cache:6379" },
      "REDIS_URL: must be a redis:// or rediss:// URL",
    ],
    [
      "a build folder without a build",
      { NEXT_DIST_DIR: ".next-none" },
      "NEXT_DIST_DIR: no production build in .next-none",
    ],
    [
      "PostgreSQL in production without AUTH_SECRET",
      { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", AUTH_SECRET: "" },
      "AUTH_SECRET: required with PostgreSQL in production",
    ],
  ])("%s", async (_, env, message) => {
    const result = await startExpectingExit({ env: { ...NO_DATABASE, ...env } });
    expect(result.output).toContain("Cannot start: ");
    expect(result.output).toContain(message);
    expect(result.code).toBe(1);
    expect(result.listened).toBe(false);
    expect(result.output).not.toContain("Ready on");
  });

  it("`next start` without the server refuses to run (clients would choose their own address)", async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port)],
      {
        env: { ...process.env, ...NO_DATABASE, APP_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: "warn" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    // `next start` prepares the app when its first request comes.
    const poke = setInterval(() => fetch(`http://127.0.0.1:${port}/api/v1/errors`).catch(() => undefined), 500);
    const code = await new Promise<number | null>((r) => child.once("exit", r));
    clearInterval(poke);
    expect(output).toContain("Cannot start: start the app with `npm start` (server.ts), not `next start`");
    expect(code).toBe(1);
  });
});

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: failing fast where the check needs the database or the network`, options, () => {
    let database: TestDatabase;
    let occupier: net.Server;
    let busyPort: number;

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      occupier = net.createServer();
      busyPort = await new Promise<number>((r) =>
        occupier.listen(0, "127.0.0.1", () => r((occupier.address() as net.AddressInfo).port)),
      );
    });

    afterAll(async () => {
      await new Promise((r) => occupier?.close(r));
      await database?.drop();
    });

    it("no user and no ADMIN_EMAIL/ADMIN_PASSWORD in production: stops before listening", async () => {
      const result = await startExpectingExit({
        env: { DATABASE_URL: database.url, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" },
      });
      expect(result.output).toContain("Cannot start: No user exists: set ADMIN_EMAIL and ADMIN_PASSWORD");
      expect(result.code).toBe(1);
      expect(result.listened).toBe(false);
    });

    it("a port in use", async () => {
      const result = await startExpectingExit({ env: { DATABASE_URL: database.url }, port: busyPort });
      expect(result.output).toContain(`Cannot start: PORT: ${busyPort} is already in use`);
      expect(result.code).toBe(1);
    });

    it("a host address this machine does not have", async () => {
      const result = await startExpectingExit({ env: { DATABASE_URL: database.url, HOSTNAME: "192.0.2.1" } });
      expect(result.output).toContain("Cannot start: HOSTNAME: 192.0.2.1 is not an address of this machine");
      expect(result.code).toBe(1);
      expect(result.listened).toBe(false);
    });
  });
}

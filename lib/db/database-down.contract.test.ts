import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken } from "@/test/support/fixture-data";
import { http } from "@/test/support/http";
import { scrapeMetrics } from "@/test/support/prometheus";
import { startTcpProxy } from "@/test/support/tcp-proxy";
import { NEEDS_POSTGRES, postgresTestUrl, runIf } from "@/test/support/requirements";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const METRICS_TOKEN = "database-down-metrics-token-0123456789ab";

// Needs a PostgreSQL server (TEST_DATABASE_URL); SQLite is a file and cannot become unreachable this way.
describe("postgresql: the database goes away and comes back", runIf(Boolean(postgresTestUrl), NEEDS_POSTGRES), () => {
  let database: TestDatabase;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let server: TestServer;
  let token: string;
  let writer: string;
  const get = (path: string) => http(server.baseUrl, "GET", path, { headers: { Authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    const direct = new URL(database.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    token = await createTestToken(viaProxy.toString(), "User");
    writer = await createTestToken(viaProxy.toString(), "Advanced user");
    server = await startServer({ env: { DATABASE_URL: viaProxy.toString(), METRICS_TOKEN } });
  });

  afterAll(async () => {
    await server?.stop();
    await proxy?.stop();
    await database?.drop();
  });

  it("answers 1006/503 with Retry-After while it is unreachable, and 200 again once it is back, without a restart", async () => {
    const databaseErrors = async () =>
      (await scrapeMetrics(server.baseUrl, { Authorization: `Bearer ${METRICS_TOKEN}` })).families
        .find((f) => f.name === "plant_processes_database_errors_total")
        ?.metrics.reduce((sum, m) => sum + Number(m.value), 0) ?? 0;
    const errorsBefore = await databaseErrors();
    expect((await get("/api/v1/processes")).status).toBe(200);
    expect((await get("/api/health")).status).toBe(200);
    // Resolve the writer's token while the database answers (it is then cached for a few seconds).
    const before = await http(server.baseUrl, "GET", "/api/v1/processes", {
      headers: { Authorization: `Bearer ${writer}` },
    });
    expect(before.status).toBe(200);

    await proxy.cut();
    // The token lookups are cached; a read and a write must both fail cleanly.
    const down = await get("/api/v1/processes");
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 1006, title: "Error access to database", status: 503 });
    expect(down.headers.get("retry-after")).toBe("5");
    expect(down.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(down.text).not.toMatch(/ECONNREFUSED|Prisma|stack|127\.0\.0\.1/);
    const write = await http(server.baseUrl, "PUT", "/api/v1/processes/1", {
      json: { name: "During the outage", comment: "" },
      headers: { Authorization: `Bearer ${writer}` },
    });
    expect(write.body).toMatchObject({ code: 1006, status: 503 });
    const health = await get("/api/health");
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: "unavailable", database: { ok: false } });
    // The log keeps the real error (it said "error":"undefined" before), the answer only the problem.
    const requestId = health.headers.get("x-request-id");
    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{") && l.includes(`"requestId":"${requestId}"`))
      .map((l) => JSON.parse(l) as { msg: string; error?: { message?: unknown } | string });
    const failed = lines.find((l) => l.msg === "health check failed");
    expect(failed?.error).toMatchObject({ message: expect.stringMatching(/\S/) });
    expect(JSON.stringify(lines)).not.toContain('"error":"undefined"');
    expect(health.text).not.toMatch(/ECONNREFUSED|Prisma|stack/);
    // Alive but not ready; the failed requests counted by kind.
    expect((await get("/api/health/live")).status).toBe(200);
    const ready = await get("/api/health/ready");
    expect([ready.status, ready.body.status, ready.body.checks.database]).toEqual([503, "not ready", false]);
    expect(await databaseErrors()).toBeGreaterThanOrEqual(errorsBefore + 2);

    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await sleep(200);
      status = (await get("/api/v1/processes")).status;
    }
    expect(status).toBe(200);
    expect((await get("/api/health")).status).toBe(200);
    expect((await get("/api/health/ready")).status).toBe(200);
  });
});

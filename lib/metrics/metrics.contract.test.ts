import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "@/test/support/accounts";
import { createTestToken } from "@/test/support/fixture-data";
import { http } from "@/test/support/http";
import { scrapeMetrics } from "@/test/support/prometheus";
import { signInOverHttp } from "@/test/support/session";
import { openSqlReader } from "@/test/support/sql-reader";
import { openEvents } from "@/test/support/sse";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// GET /metrics scraped over HTTP from the production server and parsed by a Prometheus text-format parser
// (parse-prometheus-text-format), the numbers moving as the requests that should move them are made; who may
// scrape; and the liveness and readiness routes (issue 24).

const METRICS_TOKEN = "metrics-token-metrics-token-metrics-0123";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(PROVIDERS)("metrics and health on $provider", ({ provider, options }) => {
  describe("", { ...options, timeout: 180_000 }, () => {
    let database: TestDatabase;
    let server: TestServer;
    let token: string;
    const auth = () => ({ Authorization: `Bearer ${token}` });
    const scrape = () => scrapeMetrics(server.baseUrl, { Authorization: `Bearer ${METRICS_TOKEN}` });
    const PUT_ONE = { route: "/api/v1/processes/{id}", method: "PUT" };

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      server = await startServer({ env: { DATABASE_URL: database.url, METRICS_TOKEN } });
      token = await createTestToken(database.url, "Advanced user");
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("counts a PUT as 200 and a refused one (1001) as 400, with their latencies", async () => {
      const before = await scrape();
      const ok = await http(server.baseUrl, "PUT", "/api/v1/processes/1", {
        headers: auth(),
        json: { name: "Counted", comment: "" },
      });
      const bad = await http(server.baseUrl, "PUT", "/api/v1/processes/1", {
        headers: auth(),
        json: { name: "", comment: "" },
      });
      expect([ok.status, bad.status, bad.body.code]).toEqual([200, 400, 1001]);
      const after = await scrape();
      const total = "plant_processes_http_requests_total";
      const latency = "plant_processes_http_request_duration_seconds";
      for (const status of ["200", "400"]) {
        expect(after.value(total, { ...PUT_ONE, status }) - before.value(total, { ...PUT_ONE, status })).toBe(1);
        expect(
          after.histogramCount(latency, { ...PUT_ONE, status }) -
            before.histogramCount(latency, { ...PUT_ONE, status }),
        ).toBe(1);
      }
      expect(after.families.find((f) => f.name === latency)?.type).toBe("HISTOGRAM");
      expect(after.sample("plant_processes_build_info", { provider })?.value).toBe("1");
      if (provider === "postgresql")
        expect(after.value("plant_processes_database_pool_connections", { state: "total" })).toBeGreaterThan(0);
      else expect(after.sample("plant_processes_database_pool_connections")).toBeUndefined();
      // Webhooks, read from the database at scrape time: no subscription here, so nothing pending and no lag.
      expect(after.families.find((f) => f.name === "plant_processes_webhook_deliveries_total")?.type).toBe("COUNTER");
      expect([
        after.value("plant_processes_webhook_deliveries_pending"),
        after.value("plant_processes_webhook_oldest_pending_seconds"),
      ]).toEqual([0, 0]);
    });

    it("publishes the database's size and, on SQLite, its volume's free space: the readings /api/health gives", async () => {
      type Storage = { databaseBytes: number; freeBytes: number | null };
      // Both read one cached measurement (at most 5 s old), so the figures are equal, not merely close; a pair
      // that straddles the cache's renewal is read again (the free space of a shared disk moves meanwhile).
      let scraped = await scrape();
      let storage = (await http(server.baseUrl, "GET", "/api/health")).body.storage as Storage;
      const free = () => scraped.sample("plant_processes_database_volume_free_bytes", { provider })?.value;
      for (let i = 0; i < 2 && provider === "sqlite" && Number(free()) !== storage.freeBytes; i++) {
        scraped = await scrape();
        storage = (await http(server.baseUrl, "GET", "/api/health")).body.storage as Storage;
      }
      expect(storage.databaseBytes).toBeGreaterThan(0);
      expect(scraped.value("plant_processes_database_size_bytes", { provider })).toBe(storage.databaseBytes);
      if (provider === "sqlite") {
        expect(storage.freeBytes).toBeGreaterThan(0);
        expect(Number(free())).toBe(storage.freeBytes);
      } else expect(scraped.sample("plant_processes_database_volume_free_bytes")).toBeUndefined();
    });

    it("counts a refused sign-in, list cache hits, and an open event stream with its delivery lag", async () => {
      const before = await scrape();
      const refused = await signInOverHttp(server.baseUrl, TEST_ADMIN.email, "not the password at all");
      expect(refused.cookie).toBeNull();
      for (let i = 0; i < 2; i++)
        expect((await http(server.baseUrl, "GET", "/api/v1/processes", { headers: auth() })).status).toBe(200);
      const stream = await openEvents(`${server.baseUrl}/api/v1/processes/events`, auth());
      try {
        const during = await scrape();
        expect(during.value("plant_processes_event_streams_open")).toBe(
          before.value("plant_processes_event_streams_open") + 1,
        );
        await http(server.baseUrl, "PUT", "/api/v1/processes/2", {
          headers: auth(),
          json: { name: "Lag", comment: "" },
        });
        await stream.next((e) => e.event === "process");
        const after = await scrape();
        const failures = "plant_processes_sign_in_failures_total";
        expect(
          after.value(failures, { reason: "wrong-credentials" }) -
            before.value(failures, { reason: "wrong-credentials" }),
        ).toBe(1);
        // The second GET of an unchanged list is answered from the cached list.
        const hits = "plant_processes_list_cache_total";
        expect(after.value(hits, { result: "hit" })).toBeGreaterThan(before.value(hits, { result: "hit" }));
        expect(after.value("plant_processes_event_delivery_lag_seconds")).toBeGreaterThan(
          before.value("plant_processes_event_delivery_lag_seconds"),
        );
      } finally {
        stream.close();
      }
      // The server sees the stream end when it next writes to it; poll rather than assume when.
      let open = -1;
      for (let i = 0; i < 100 && open !== before.value("plant_processes_event_streams_open"); i++) {
        await sleep(200);
        open = (await scrape()).value("plant_processes_event_streams_open");
      }
      expect(open).toBe(before.value("plant_processes_event_streams_open"));
    });

    it("refuses a scrape without the token or with another one (2004), and never counts it as readable", async () => {
      const refusals: Record<string, string>[] = [
        {},
        { Authorization: "Bearer wrong-token-wrong-token-wrong-token-01" },
        { Authorization: auth().Authorization },
      ];
      for (const headers of refusals) {
        const res = await fetch(`${server.baseUrl}/metrics`, { headers });
        const body = (await res.json()) as { code: number };
        expect([res.status, body.code, res.headers.get("www-authenticate")]).toEqual([
          401,
          2004,
          'Bearer realm="metrics"',
        ]);
      }
    });

    it("answers liveness and readiness; readiness names a migration that is not applied", async () => {
      expect((await http(server.baseUrl, "GET", "/api/health/live")).body).toEqual({ status: "ok" });
      const ready = await http(server.baseUrl, "GET", "/api/health/ready");
      expect([ready.status, ready.body]).toEqual([
        200,
        { status: "ready", checks: { boot: true, database: true, write: true, migrations: true }, problems: [] },
      ]);
      expect((await http(server.baseUrl, "GET", "/api/health")).body.status).toBe("ok");
      // An older release's record: the last migration not applied.
      const sql = await openSqlReader(database.url);
      try {
        const [last] = await sql.rows<Record<string, unknown>>(
          "SELECT * FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
        );
        await sql.rows("DELETE FROM _prisma_migrations WHERE id = ?", last!.id);
        try {
          const notReady = await http(server.baseUrl, "GET", "/api/health/ready");
          expect([notReady.status, notReady.headers.get("retry-after"), notReady.body.checks.migrations]).toEqual([
            503,
            "5",
            false,
          ]);
          expect(notReady.body.problems).toEqual([`migrations not applied: ${last!.migration_name}`]);
        } finally {
          const columns = Object.keys(last!);
          await sql.rows(
            `INSERT INTO _prisma_migrations (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
            ...Object.values(last!),
          );
        }
      } finally {
        await sql.close();
      }
      expect((await http(server.baseUrl, "GET", "/api/health/ready")).status).toBe(200);
    });
  });
});

describe("who may read the metrics", { timeout: 180_000 }, () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await database?.drop();
  });

  it("off by default (404); with METRICS_ALLOW only listed addresses (3001 otherwise)", async () => {
    const off = await startServer({ env: { DATABASE_URL: database.url } });
    servers.push(off);
    const res = await fetch(`${off.baseUrl}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("plant_processes_");
    await off.stop();
    const elsewhere = await startServer({ env: { DATABASE_URL: database.url, METRICS_ALLOW: "10.0.0.0/8" } });
    servers.push(elsewhere);
    const refused = await fetch(`${elsewhere.baseUrl}/metrics`);
    expect([refused.status, ((await refused.json()) as { code: number }).code]).toEqual([403, 3001]);
    await elsewhere.stop();
    const here = await startServer({ env: { DATABASE_URL: database.url, METRICS_ALLOW: "127.0.0.1" } });
    servers.push(here);
    const scrape = await scrapeMetrics(here.baseUrl, {});
    expect(scrape.sample("plant_processes_build_info", { provider: "sqlite" })?.value).toBe("1");
  });
});

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_TYPES_PATH, apiTypes } from "@/scripts/api-types";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { NEEDS_POSTGRES, postgresTestUrl, runIf } from "@/test/support/requirements";
import { jsonLines, runCommand, startCommand } from "@/test/support/run-command";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startTcpProxy } from "@/test/support/tcp-proxy";
import { startServer, type TestServer } from "@/test/support/test-server";

// The integration guide's examples (README, "Integration guide") run against the production build: Python
// with the machine's python3 and its standard library, TypeScript compiled against types generated from the
// document the server publishes.

const PYTHON = "docs/examples/sync_processes.py";
const TYPESCRIPT = "docs/examples/sync-processes.ts";

/** What both examples do to the first ten processes. */
async function expectExampleEffects(api: ApiClient, before: { id: number; version: number; comment: string }[]) {
  const after = (await api("GET", "/api/v1/processes")).body.processes as ((typeof before)[number] & {
    comment: string;
  })[];
  after.slice(0, 10).forEach((p, i) => {
    expect(p.comment).toBe(`Batch ${p.id}`);
    // the first two: changed one by one, then in the bulk change; the others by the bulk, unless an earlier
    // example left them with its comment already (a write of unchanged values makes no version, docs/decisions/022)
    const byBulk = i < 2 || before[i]!.comment !== `Batch ${p.id}` ? 1 : 0;
    expect(p.version).toBe(before[i]!.version + (i < 2 ? 1 : 0) + byBulk);
  });
  expect(after.slice(10).map((p) => p.version)).toEqual(before.slice(10).map((p) => p.version));
}

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: the integration examples`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let api: ApiClient;
    let env: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 20);
      const token = await createTestToken(database.url, "Advanced user");
      server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" } });
      api = apiClient(server.baseUrl, { Authorization: `Bearer ${token}` });
      env = { BASE_URL: server.baseUrl, API_TOKEN: token };
    });

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("Python (standard library): reads all, changes two, changes ten at once, and reads a refusal", async () => {
      const before = (await api("GET", "/api/v1/processes")).body.processes;
      const run = await runCommand("python3", [PYTHON], env);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(jsonLines(run.stdout)).toEqual([
        { step: "read", count: 20 },
        { step: "changed", versions: [before[0].version + 1, before[1].version + 1] },
        { step: "bulk", count: 10 },
        { step: "refused", code: 1001, pointers: ["/processes/0/name"] },
      ]);
      await expectExampleEffects(api, before);
    });

    it("TypeScript: its types are what the served document generates, it compiles, and it runs", async () => {
      const served = await (await fetch(`${server.baseUrl}/api/v1/openapi.json`)).json();
      expect(await apiTypes(served), `${API_TYPES_PATH} is stale: run npm run api:types`).toBe(
        readFileSync(API_TYPES_PATH, "utf8"),
      );
      const tsc = await runCommand(
        process.execPath,
        [
          "node_modules/typescript/bin/tsc",
          ...["--noEmit", "--strict", "--noUncheckedIndexedAccess", "--skipLibCheck", "--types", "node"],
          ...["--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", TYPESCRIPT],
        ],
        {},
      );
      expect(tsc.stdout + tsc.stderr).toBe("");
      const before = (await api("GET", "/api/v1/processes")).body.processes;
      const run = await runCommand(process.execPath, ["--import", "tsx/esm", TYPESCRIPT], env);
      expect(run.stderr).toBe("");
      expect(jsonLines(run.stdout)).toEqual([
        { step: "read", count: 20 },
        { step: "changed", versions: [before[0].version + 1, before[1].version + 1] },
        { step: "bulk", count: 10 },
      ]);
      await expectExampleEffects(api, before);
    });
  });
}

describe("sqlite: the Python example under the rate limit", () => {
  let database: TestDatabase;
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await seedProcesses(database.url, 12);
    const token = await createTestToken(database.url, "Advanced user");
    const limits = { RATE_LIMIT_API_POINTS: "2", RATE_LIMIT_API_WINDOW_SECONDS: "2" };
    server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", ...limits } });
    env = { BASE_URL: server.baseUrl, API_TOKEN: token };
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("waits as Retry-After says on 429 and finishes", async () => {
    const run = await runCommand("python3", [PYTHON], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/: 429 6001, waiting [12]\.0 s/);
    expect(jsonLines(run.stdout).map((line) => line.step)).toEqual(["read", "changed", "bulk", "refused"]);
  });
});

// Needs a PostgreSQL server (TEST_DATABASE_URL): SQLite is a file and cannot become unreachable this way.
describe(
  "postgresql: the Python example while the database is away",
  runIf(Boolean(postgresTestUrl), NEEDS_POSTGRES),
  () => {
    let database: TestDatabase;
    let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
    let server: TestServer;
    let env: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase("postgresql");
      const direct = new URL(database.url);
      proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
      const viaProxy = new URL(database.url);
      viaProxy.port = String(proxy.port);
      await seedProcesses(viaProxy.toString(), 12);
      const token = await createTestToken(viaProxy.toString(), "Advanced user");
      server = await startServer({ env: { DATABASE_URL: viaProxy.toString(), SEED_DEMO_DATA: "false" } });
      env = { BASE_URL: server.baseUrl, API_TOKEN: token };
    });

    afterAll(async () => {
      await server?.stop();
      await proxy?.stop();
      await database?.drop();
    });

    it("retries 503 as Retry-After says and finishes once the database is back", async () => {
      await proxy.cut();
      const running = startCommand("python3", [PYTHON], env);
      // Back once the example has met the 503 and is waiting out its Retry-After.
      await expect.poll(running.stderr, { timeout: 30_000, interval: 50 }).toMatch(/503 1006, waiting/);
      await proxy.restore();
      const run = await running.done;
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/GET \/api\/v1\/processes: 503 1006, waiting 5\.0 s/);
      expect(jsonLines(run.stdout).map((line) => line.step)).toEqual(["read", "changed", "bulk", "refused"]);
    });
  },
);

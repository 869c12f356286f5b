// npm run scale:check [-- --database postgresql|sqlite] [-- --instances N] [-- --store redis|postgres|memory]
//   [-- --duration <s>] [-- --postgres <url>]
// Starts N instances of the production build against one fresh database (PostgreSQL, or one SQLite file that every
// instance opens: the way to use every core of one machine without a database server), with the rate limits in
// Redis or PostgreSQL, and checks them together: shared rate limits, a list cache that stays fresh, events
// reaching every instance, and GET throughput on 1 instance vs spread over N (same run). Prints PASS/FAIL per
// check; exits 1 on a failure. Builds only when there is no build. Traffic goes to 127.0.0.1 only.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { runOutside } from "@/test/support/outside-sql";
import { createTestDatabase } from "@/test/support/test-database";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { startBenchServer, type BenchServer } from "./bench/server";
import { checkEvents, checkListFreshness, checkRateLimits, throughput, type Outcome } from "./scale/checks";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "postgresql" },
    instances: { type: "string", default: "2" },
    store: { type: "string", default: "redis" },
    duration: { type: "string", default: "10" },
    postgres: { type: "string", default: "postgresql://postgres@127.0.0.1:5432/postgres" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
  },
});
const INSTANCES = Number(values.instances);
const SQLITE = values.database === "sqlite";
if (!["sqlite", "postgresql"].includes(values.database)) throw new Error("--database must be postgresql or sqlite");
const STORE = values.store;
if (!Number.isInteger(INSTANCES) || INSTANCES < 2) throw new Error("--instances must be 2 or more");
// memory is accepted to show the rate-limit check failing: each instance then counts on its own.
if (!["redis", "postgres", "memory"].includes(STORE)) throw new Error("--store must be redis, postgres or memory");
const LIMIT_POINTS = 20;
const CONNECTIONS = 32;
const ROWS = 100;

const log = (line: string) => process.stderr.write(`[scale] ${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(path.join(distDir, "BUILD_ID"))) {
  log(`no build in ${distDir}: building`);
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
const dbName = `scale_${suffix}`;
const dbUrl = new URL(values.postgres);
dbUrl.pathname = `/${dbName}`;
const sqlite = SQLITE ? await createTestDatabase("sqlite") : null;
const DATABASE_URL = sqlite?.url ?? dbUrl.toString();

/** One statement from outside the app, as a plant's script would run it. */
const outsideSql = async (sql: string, params: unknown[]) => void (await runOutside(DATABASE_URL, [[sql, params]]));

/** N instances sharing the database and the limit store; `points` is the API limit per caller per minute. */
async function startInstances(points: number): Promise<BenchServer[]> {
  const env = {
    DATABASE_URL,
    SEED_DEMO_DATA: "false",
    RATE_LIMIT_STORE: STORE,
    REDIS_URL: values.redis,
    // On SQLite the postgres store needs a server of its own for the counters.
    ...(SQLITE && STORE === "postgres" ? { RATE_LIMIT_POSTGRES_URL: values.postgres } : {}),
    // A fresh prefix per start: counters of an earlier phase or run never carry over.
    RATE_LIMIT_KEY_PREFIX: `scale_${suffix}_${points}`,
    RATE_LIMIT_API_POINTS: String(points),
  };
  return Promise.all(Array.from({ length: INSTANCES }, () => startBenchServer(env)));
}

const stopAll = (servers: BenchServer[]) => Promise.all(servers.map((s) => s.stop()));

const outcomes: { name: string; outcome: Outcome }[] = [];
function report(name: string, outcome: Outcome): void {
  outcomes.push({ name, outcome });
  console.log(`${outcome.result} ${name}: ${outcome.detail}`);
}

if (!sqlite) await withClient(values.postgres, (c) => c.query(`CREATE DATABASE ${dbName}`));
let servers: BenchServer[] = [];
try {
  log(`database ${sqlite ? DATABASE_URL : dbName}: migrating, seeding ${ROWS} processes, creating tokens`);
  await seedProcesses(DATABASE_URL, ROWS);
  const tokens = await Promise.all(
    ["limits", "freshness", "load"].map((name) => createTestToken(DATABASE_URL, "Advanced user", { name })),
  );
  const [limitToken, freshToken, loadToken] = tokens as [string, string, string];

  log(`${INSTANCES} instances, API limit ${LIMIT_POINTS}/min in ${STORE}`);
  servers = await startInstances(LIMIT_POINTS);
  report(
    "rate limits hold across instances",
    await checkRateLimits(
      servers.map((s) => s.baseUrl),
      limitToken,
      LIMIT_POINTS,
    ),
  );
  await stopAll(servers);

  log(`${INSTANCES} instances, API limit out of reach, limits still counted in ${STORE}`);
  servers = await startInstances(100_000_000);
  const urls = servers.map((s) => s.baseUrl);
  const list = (await (
    await fetch(`${urls[0]}/api/v1/processes`, { headers: { Authorization: `Bearer ${freshToken}` } })
  ).json()) as {
    processes: { id: number }[];
  };
  const ids = list.processes.map((p) => p.id);
  report("list cache stays fresh", await checkListFreshness(urls, freshToken, ids, 20));
  report("events reach every instance", await checkEvents(urls, freshToken, ids, outsideSql));

  const seconds = Number(values.duration);
  log("throughput: warming up every instance");
  await throughput(urls, loadToken, CONNECTIONS, 2);
  const loadBefore = load();
  const one = await throughput(urls.slice(0, 1), loadToken, CONNECTIONS, seconds);
  const spread = await throughput(urls, loadToken, CONNECTIONS, seconds);
  const clean = one.non2xx + one.errors + spread.non2xx + spread.errors === 0;
  report("throughput, GET /api/v1/processes (Bearer)", {
    result: clean ? "PASS" : "FAIL",
    detail:
      `${ROWS} rows, ${CONNECTIONS} connections, ${seconds} s each: 1 instance ${one.rps} req/s (p50 ${one.p50Ms} ms, p99 ${one.p99Ms} ms); ` +
      `${INSTANCES} instances ${spread.rps} req/s summed (p50 ${spread.p50Ms} ms, p99 ${spread.p99Ms} ms); ` +
      `ratio ${(spread.rps / Math.max(1, one.rps)).toFixed(2)}; load average before ${loadBefore}, after ${load()}` +
      (clean ? "" : `; non-2xx ${one.non2xx + spread.non2xx}, errors ${one.errors + spread.errors}`),
  });
} finally {
  await stopAll(servers);
  if (sqlite) await sqlite.drop();
  else await withClient(values.postgres, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
}

const failed = outcomes.filter((o) => o.outcome.result === "FAIL").length;
console.log(failed === 0 ? "scale check: all passed" : `scale check: ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

// npx tsx --conditions=react-server scripts/bench/layers.ts [--rows 1000]
// In-process cost of each layer a GET /api/v1/processes passes through, without HTTP or Next: where the
// time goes, in microseconds per call (one caller at a time, after warm-up), on a fresh SQLite database.
import { parseArgs } from "node:util";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { createTestDatabase } from "@/test/support/test-database";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100" } } });
const rows = Number(values.rows);

async function perCallUs(fn: () => unknown, minMs = 1_500): Promise<number> {
  for (let i = 0; i < 200; i++) await fn();
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < minMs) {
    for (let i = 0; i < 20; i++) await fn();
    calls += 20;
  }
  return Math.round(((performance.now() - started) * 1000) / calls);
}

const database = await createTestDatabase("sqlite");
await seedProcesses(database.url, rows);
const secret = await createTestToken(database.url, "Advanced user");
// env.ts reads the environment once, at first import: set it before loading anything that uses it.
process.env.DATABASE_URL = database.url;
process.env.LOG_LEVEL = "info";
process.env.RATE_LIMIT_API_POINTS = "100000000";
const { closeDb, db } = await import("@/lib/db/client");
const { PROCESS_SELECT, toProcess } = await import("@/lib/processes/serialize");
const { listProcesses } = await import("@/lib/processes/list-processes");
const { resolveToken } = await import("@/lib/tokens/resolve-token");
const { consumeRateLimit } = await import("@/lib/rate-limit/consume");
const { logger } = await import("@/lib/logger");

const SQL = `SELECT id, name, comment, version, createdAt, updatedAt FROM processes ORDER BY id`;
const figures: Record<string, number> = {
  "findMany (select, orderBy)": await perCallUs(() =>
    db.process.findMany({ select: PROCESS_SELECT, orderBy: { id: "asc" } }),
  ),
  "findMany + toProcess + JSON.stringify": await perCallUs(async () =>
    JSON.stringify({
      processes: (await db.process.findMany({ select: PROCESS_SELECT, orderBy: { id: "asc" } })).map(toProcess),
    }),
  ),
  "listProcesses() (as shipped)": await perCallUs(() => listProcesses()),
  "$queryRawUnsafe SELECT all": await perCallUs(() => db.$queryRawUnsafe(SQL)),
  "$queryRawUnsafe PRAGMA data_version": await perCallUs(() => db.$queryRawUnsafe("PRAGMA data_version")),
  "$queryRawUnsafe SELECT 1": await perCallUs(() => db.$queryRawUnsafe("SELECT 1")),
  "JSON.stringify of the list only": await (async () => {
    const list = await listProcesses();
    return perCallUs(() => JSON.stringify({ processes: list }));
  })(),
  "resolveToken (cached)": await perCallUs(() => resolveToken(secret)),
  "consumeRateLimit (memory)": await perCallUs(() => consumeRateLimit("api", "token:1")),
};
// The logger writes to stdout: measure it with stdout sent nowhere, as the benchmark's server has it.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (() => true) as typeof process.stdout.write;
figures["logger.info (line built, write discarded)"] = await perCallUs(() =>
  logger.info("request", {
    requestId: crypto.randomUUID(),
    route: "GET /api/v1/processes",
    method: "GET",
    path: "/api/v1/processes",
    status: 200,
    durationMs: 1.2,
  }),
);
process.stdout.write = write;
console.log(`${rows} rows, µs per call:`);
console.table(figures);
await closeDb();
await database.drop();

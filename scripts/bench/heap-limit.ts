// npx tsx --conditions=react-server scripts/bench/heap-limit.ts [--flag --max-old-space-size=128] [--rows 1000]
//   [--env NAME=value] (e.g. --flag= --env API_DIRECT_ROUTES=false: a setting instead of a flag)
// Two production servers on one SQLite database, one started with a Node flag (or setting) and one without, loaded in
// alternating slices (GET, then PUT of one process) so both share the machine's drift: req/s, CPU per request
// and peak RSS of each. Needs a build.
import { parseArgs } from "node:util";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { createTestDatabase } from "@/test/support/test-database";
import { measure, type LoadOptions } from "./load";
import { startBenchServer, type BenchServer } from "./server";

const { values } = parseArgs({
  options: {
    flag: { type: "string", default: "--max-old-space-size=128" },
    // A setting for the second server instead of (or beside) a flag: --flag "" --env API_DIRECT_ROUTES=false
    env: { type: "string", default: "" },
    rows: { type: "string", default: "1000" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "5" },
  },
});
process.env.NEXT_DIST_DIR ??= ".next-bench";
const rows = Number(values.rows);
const database = await createTestDatabase("sqlite");
await seedProcesses(database.url, rows);
const token = await createTestToken(database.url, "Advanced user", { name: "heap-limit" });
const env = { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", RATE_LIMIT_API_POINTS: "100000000" };
const servers: Record<string, BenchServer> = {
  none: await startBenchServer(env),
  // Several flags, space-separated, start one server.
  [`${values.flag} ${values.env}`.trim()]: await startBenchServer(
    { ...env, ...(values.env ? { [values.env.split("=")[0]!]: values.env.slice(values.env.indexOf("=") + 1) } : {}) },
    values.flag.split(" ").filter(Boolean),
  ),
};
const bearer = { Authorization: `Bearer ${token}` };
function loads(server: BenchServer): Record<"GET" | "PUT", LoadOptions> {
  let n = 0;
  return {
    GET: { url: `${server.baseUrl}/api/v1/processes`, headers: bearer, cpuMs: server.cpuMs },
    PUT: {
      url: `${server.baseUrl}/api/v1/processes`,
      method: "PUT",
      headers: { ...bearer, "Content-Type": "application/json" },
      cpuMs: server.cpuMs,
      next: () => {
        const id = (n++ % rows) + 1;
        return { path: `/api/v1/processes/${id}`, body: JSON.stringify({ name: `P ${id}`, comment: `edit ${n}` }) };
      },
    },
  };
}
const totals: Record<string, { requests: number; cpuMs: number }> = {};
try {
  for (const server of Object.values(servers)) {
    for (const load of Object.values(loads(server))) await measure(load, { warmUp: 0, duration: 2 });
  }
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const kind of ["GET", "PUT"] as const) {
      for (const [name, server] of Object.entries(servers)) {
        const f = await measure(loads(server)[kind], { warmUp: 0, duration: Number(values.seconds) });
        const t = (totals[`${kind} ${name}`] ??= { requests: 0, cpuMs: 0 });
        t.requests += f.requests;
        t.cpuMs += (f.cpuMsPerRequest ?? 0) * f.requests;
      }
    }
  }
  console.table(
    Object.fromEntries(
      Object.entries(totals).map(([k, t]) => [
        k,
        { requests: t.requests, "CPU ms/req": Math.round((t.cpuMs / t.requests) * 1000) / 1000 },
      ]),
    ),
  );
  for (const [name, server] of Object.entries(servers))
    console.log(`${name}: peak RSS ${Math.round(server.peakRssKb() / 1024)} MB`);
} finally {
  for (const server of Object.values(servers)) await server.stop();
  await database.drop();
}

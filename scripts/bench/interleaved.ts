// npx tsx --conditions=react-server scripts/bench/interleaved.ts [rows]
// The project's frame route (/api/bench/ceiling, constant JSON) and the Bearer GET measured in alternating 2 s
// slices on one server: on a machine whose other load drifts, both sides then share the drift, which
// back-to-back 10 s runs do not.
// Needs a build (npm run bench builds one into .next-bench).
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { take } from "@/test/support/take";
import { createTestDatabase } from "@/test/support/test-database";
import { measure, type LoadOptions } from "./load";
import { startBenchServer } from "./server";

process.env.NEXT_DIST_DIR ??= ".next-bench";
const rows = Number(process.argv[2] ?? 1000);
const ROUNDS = 6;

const database = await createTestDatabase("sqlite");
await seedProcesses(database.url, rows);
const token = await createTestToken(database.url, "Advanced user");
const server = await startBenchServer({
  DATABASE_URL: database.url,
  SEED_DEMO_DATA: "false",
  BENCH_CEILING_ROUTE: "1",
  RATE_LIMIT_API_POINTS: "100000000",
});
try {
  const sides: Record<"ceiling" | "get", LoadOptions> = {
    ceiling: { url: `${server.baseUrl}/api/bench/ceiling?rows=${rows}`, cpuMs: server.cpuMs },
    get: {
      url: `${server.baseUrl}/api/v1/processes`,
      headers: { Authorization: `Bearer ${token}` },
      cpuMs: server.cpuMs,
    },
  };
  const sizes = await Promise.all(
    Object.values(sides).map(async (s) => (await fetch(s.url, { headers: s.headers })).text()),
  );
  const [ceilingBody, getBody] = take(sizes, 2);
  console.log(`body sizes: ceiling ${ceilingBody.length}, GET ${getBody.length} characters`);
  for (const side of Object.values(sides)) await measure(side, { warmUp: 0, duration: 3 });
  const totals = { ceiling: { requests: 0, cpuMs: 0 }, get: { requests: 0, cpuMs: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of ["ceiling", "get"] as const) {
      const f = await measure(sides[name], { warmUp: 0, duration: 2 });
      totals[name].requests += f.requests;
      totals[name].cpuMs += (f.cpuMsPerRequest ?? 0) * f.requests;
      process.stdout.write(`${name} ${f.rps} req/s  `);
    }
    process.stdout.write("\n");
  }
  const perRequest = (t: { requests: number; cpuMs: number }) => t.cpuMs / t.requests;
  console.log(
    `${rows} rows: ceiling ${totals.ceiling.requests} requests, ${perRequest(totals.ceiling).toFixed(3)} ms CPU each; ` +
      `GET ${totals.get.requests}, ${perRequest(totals.get).toFixed(3)} ms. GET / ceiling: by requests ` +
      `${(totals.get.requests / totals.ceiling.requests).toFixed(2)}, by CPU ${(perRequest(totals.ceiling) / perRequest(totals.get)).toFixed(2)}`,
  );
} finally {
  await server.stop();
  await database.drop();
}

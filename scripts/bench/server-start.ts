// The compiled server (dist/server.mjs, `npm start`) against the same server.ts run through tsx, as `npm start`
// ran it before issue 24: time from spawn to the first answer, resident memory after the start and after a
// short load. Runs alternate (tsx, compiled, tsx, …) so that the machine's load falls on both alike; the
// figures that count are the ratios of the medians (docs/benchmarks.md).
//
//   npm run bench:start [-- --runs 3]
import { readFileSync } from "node:fs";
import { createTestDatabase } from "@/test/support/test-database";
import { startServer } from "@/test/support/test-server";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;
const LOAD_REQUESTS = 300;

const variants = {
  tsx: ["--import", "tsx/esm", "server.ts"],
  compiled: undefined, // npm start's own script
} as const;
type Variant = keyof typeof variants;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

async function measure(variant: Variant) {
  const database = await createTestDatabase("sqlite");
  const began = performance.now();
  const server = await startServer({
    env: { DATABASE_URL: database.url, LOG_LEVEL: "silent", RATE_LIMIT_API_POINTS: "100000" },
    script: variants[variant] ? [...variants[variant]] : undefined,
    quiet: true,
  });
  const startMs = performance.now() - began;
  const afterStart = rssMb(server.pid);
  // A short load through the app's own routes: the published error table and the sign-in page.
  for (let i = 0; i < LOAD_REQUESTS; i++) {
    const res = await fetch(`${server.baseUrl}${i % 3 === 0 ? "/signin" : "/api/v1/errors"}`);
    await res.arrayBuffer();
  }
  const afterLoad = rssMb(server.pid);
  await server.stop();
  await database.drop();
  return { startMs, afterStart, afterLoad };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<Variant, Awaited<ReturnType<typeof measure>>[]> = { tsx: [], compiled: [] };
for (let i = 0; i < runs; i++)
  for (const variant of Object.keys(variants) as Variant[]) results[variant].push(await measure(variant));

const summary = Object.fromEntries(
  (Object.keys(results) as Variant[]).map((v) => [
    v,
    {
      startMs: Math.round(median(results[v].map((r) => r.startMs))),
      rssAfterStartMb: Math.round(median(results[v].map((r) => r.afterStart))),
      rssAfterLoadMb: Math.round(median(results[v].map((r) => r.afterLoad))),
    },
  ]),
) as Record<Variant, { startMs: number; rssAfterStartMb: number; rssAfterLoadMb: number }>;
const ratio = (k: keyof (typeof summary)["tsx"]) => (summary.compiled[k] / summary.tsx[k]).toFixed(2);
console.log(JSON.stringify({ runs, load: readFileSync("/proc/loadavg", "utf8").trim(), summary }, null, 2));
console.log(
  `compiled / tsx: start ${ratio("startMs")}, RSS after start ${ratio("rssAfterStartMb")}, ` +
    `RSS after ${LOAD_REQUESTS} requests ${ratio("rssAfterLoadMb")}`,
);

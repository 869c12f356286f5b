// npx tsx --conditions=react-server scripts/bench/profile.ts [--rows 1000] [--path /api/v1/processes] [--seconds 10]
//   [--method PUT] (PUT /api/v1/processes/{id} over the seeded ids, --path ignored) [--top 15]
//   [--database sqlite|postgresql] (postgresql: a fresh database beside TEST_DATABASE_URL)
// Where a request's server time goes: runs the production server under `node --cpu-prof`, loads one path
// with autocannon (32 connections, Bearer token), then sums the profile's samples taken during the timed
// run by layer. Frames in Next's bundled chunks are mapped back to their sources through the chunks'
// source maps; builtins (JSON.stringify, toISOString…) count for the function that called them.
// Needs a build (npm run build; NEXT_DIST_DIR honoured).
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { createTestDatabase } from "@/test/support/test-database";
import { measure, type LoadOptions } from "./load";
import { startBenchServer } from "./server";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000" },
    path: { type: "string", default: "/api/v1/processes" },
    seconds: { type: "string", default: "10" },
    method: { type: "string", default: "GET" },
    top: { type: "string", default: "15" },
    database: { type: "string", default: "sqlite" },
  },
});

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };

const maps = new Map<string, SourceMap | null>();

/** The original source of a frame in a bundled chunk (its path inside the project), else the frame's URL. */
function sourceOf(frame: Frame): string {
  const file = frame.url.replace(/^file:\/\//, "");
  if (!/\.next[^/]*\/server\//.test(file)) return frame.url;
  if (!maps.has(file)) {
    maps.set(file, existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))) : null);
  }
  const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber) as
    { originalSource?: string } | undefined;
  return entry?.originalSource ?? frame.url;
}

// First match wins, tested against the frame's original source.
const LAYERS: [string, (source: string, f: Frame) => boolean][] = [
  ["garbage collection", (_, f) => f.functionName === "(garbage collector)"],
  ["Prisma query compiler (wasm)", (s) => s.startsWith("wasm://") || /query_compiler/.test(s)],
  ["Prisma client runtime", (s) => /@prisma\/client/.test(s)],
  [
    "SQLite driver (Prisma adapter + better-sqlite3)",
    (s) => /adapter-better-sqlite3|better-sqlite3|sqlite-adapter/.test(s),
  ],
  ["PostgreSQL driver (Prisma adapter + pg)", (s) => /adapter-pg|node_modules\/pg|pg-protocol|postgres-pool/.test(s)],
  ["Next's patched Date (node-environment-extensions)", (s) => /node-environment-extensions/.test(s)],
  ["next-auth / jose (session JWT)", (s) => /next-auth|jose|openid/.test(s)],
  ["rate limiting (rate-limiter-flexible)", (s) => /rate-limiter-flexible/.test(s)],
  ["lib/processes (data layer: toProcess, cache)", (s) => /lib\/processes\//.test(s)],
  ["lib/api (route wrapper, respond)", (s) => /lib\/api\//.test(s)],
  ["lib/auth + lib/tokens", (s) => /lib\/(auth|tokens)\//.test(s)],
  ["lib/logger", (s) => /lib\/logger/.test(s)],
  ["proxy.ts", (s) => /proxy\.ts/.test(s)],
  ["app routes", (s) => /app\/api\//.test(s)],
  ["zod", (s) => /zod/.test(s)],
  ["Next.js server", (s) => /next\/dist|next-server|\[turbopack\]|\.next[^/]*\/server\//.test(s)],
  ["other packages", (s) => /node_modules/.test(s)],
  ["Node core (http, streams, timers)", (s) => s.startsWith("node:")],
  ["native / unattributed", () => true],
];

/** The functions the samples were taken in (builtins under their own name), heaviest first. */
function selfTimes(profile: Profile, from: number, to: number): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const frame = byId.get(id)!.callFrame;
    if (at < from || at > to || frame.functionName === "(idle)") return;
    const where = frame.url ? ` ${sourceOf(frame).replace(/^.*node_modules\//, "")}:${frame.lineNumber}` : "";
    const key = `${frame.functionName || "(anonymous)"}${where}`;
    totals.set(key, (totals.get(key) ?? 0) + delta / 1000);
  });
  return totals;
}

function summarize(profile: Profile, from: number, to: number): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from || at > to) return;
    let node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") return;
    // A builtin has no URL: charge it to the nearest caller that has one.
    while (node.callFrame.url === "" && !node.callFrame.functionName.startsWith("(") && parent.has(node.id)) {
      node = byId.get(parent.get(node.id)!)!;
    }
    const source = sourceOf(node.callFrame);
    const layer = LAYERS.find(([, test]) => test(source, node.callFrame))![0];
    totals.set(layer, (totals.get(layer) ?? 0) + delta / 1000);
  });
  return totals;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

const rows = Number(values.rows);
if (values.database !== "sqlite" && values.database !== "postgresql")
  throw new Error("--database must be sqlite or postgresql");
const database = await createTestDatabase(values.database);
await seedProcesses(database.url, rows);
const token = await createTestToken(database.url, "Advanced user", { name: "profile" });
const profileDir = mkdtempSync(path.join(tmpdir(), "cpu-prof-"));
const server = await startBenchServer(
  { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", BENCH_CEILING_ROUTE: "1", RATE_LIMIT_API_POINTS: "100000000" },
  ["--cpu-prof", `--cpu-prof-dir=${profileDir}`],
);
const bearer = { Authorization: `Bearer ${token}` };
let load: LoadOptions = { url: server.baseUrl + values.path, headers: bearer, cpuMs: server.cpuMs };
if (values.method === "PUT") {
  const list = await fetch(`${server.baseUrl}/api/v1/processes`, { headers: bearer });
  const ids = ((await list.json()) as { processes: { id: number }[] }).processes.map((p) => p.id);
  let n = 0;
  load = {
    url: `${server.baseUrl}/api/v1/processes`,
    method: "PUT",
    headers: { ...bearer, "Content-Type": "application/json" },
    cpuMs: server.cpuMs,
    next: () => {
      const id = ids[n++ % ids.length];
      return { path: `/api/v1/processes/${id}`, body: JSON.stringify({ name: `Process ${id}`, comment: `edit ${n}` }) };
    },
  };
}
await measure(load, { warmUp: 0, duration: 3 });
// V8's profile clock and process.hrtime are both CLOCK_MONOTONIC: the window selects the timed run's samples.
const from = nowUs();
const figures = await measure(load, { warmUp: 0, duration: Number(values.seconds) });
const to = nowUs();
await server.stop();
await database.drop();
// CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread. The others (tsx's module
// loader) may hold more samples, nearly all idle, on a loaded machine.
const mainThread = readdirSync(profileDir).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
const profile = mainThread
  ? (JSON.parse(readFileSync(path.join(profileDir, mainThread), "utf8")) as Profile)
  : undefined;
if (!profile) throw new Error(`no profile written in ${profileDir}`);
const busy = [...summarize(profile, from, to)].sort((a, b) => b[1] - a[1]);
const busyMs = busy.reduce((sum, [, ms]) => sum + ms, 0);
console.log(
  `${values.path}, ${rows} rows: ${figures.rps} req/s, ${figures.requests} requests, ` +
    `${figures.cpuMsPerRequest} ms server CPU per request, ${(busyMs / figures.requests).toFixed(3)} ms sampled busy per request`,
);
console.log("| layer | share of busy time | ms per request |\n|---|---:|---:|");
for (const [layer, ms] of busy) {
  console.log(`| ${layer} | ${((ms / busyMs) * 100).toFixed(1)} % | ${(ms / figures.requests).toFixed(3)} |`);
}
const heaviest = [...selfTimes(profile, from, to)].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
console.log("\n| function (self time) | share of busy time | ms per request |\n|---|---:|---:|");
for (const [name, ms] of heaviest) {
  console.log(`| ${name} | ${((ms / busyMs) * 100).toFixed(1)} % | ${(ms / figures.requests).toFixed(3)} |`);
}
console.log(`(profile: ${profileDir})`);

// npx tsx --conditions=react-server scripts/bench/memory.ts [--rows 100] [--seconds 5] [--snapshot] [--fresh]
//   [-- <node flags>]
// What holds the server's memory: RSS after start, after GET load and after PUT load (VmRSS, VmHWM), the
// V8 heap's share (from a heap snapshot, --snapshot: written with --heapsnapshot-signal, summed by the
// constructor of each object, self sizes) and the rest (code, WebAssembly, native). Needs a build.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { TEST_ADMIN } from "@/test/support/accounts";
import { signInOverHttp } from "@/test/support/session";
import { createTestDatabase } from "@/test/support/test-database";
import { measure, type LoadOptions } from "./load";
import { startBenchServer } from "./server";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rows: { type: "string", default: "100" },
    seconds: { type: "string", default: "5" },
    snapshot: { type: "boolean", default: false },
    // The server itself migrates an empty database (the schema engine's WebAssembly loaded) before the seeding.
    fresh: { type: "boolean", default: false },
  },
});
process.env.NEXT_DIST_DIR ??= ".next-bench";

function memory(pid: number): Record<string, number> {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  const mb = (k: number) => Math.round(k / 1024);
  return { rssMb: mb(kb("VmRSS")), peakMb: mb(kb("VmHWM")), anonMb: mb(kb("RssAnon")), fileMb: mb(kb("RssFile")) };
}

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
};

/** Self sizes summed by node type and constructor name, heaviest first. */
function heapByConstructor(file: string): [string, number][] {
  const heap = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const totals = new Map<string, number>();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = types[heap.nodes[i + typeAt]!]!;
    const name = type === "object" || type === "native" ? heap.strings[heap.nodes[i + nameAt]!]! : `(${type})`;
    totals.set(name, (totals.get(name) ?? 0) + heap.nodes[i + sizeAt]!);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** Resident memory by mapping (file name, or [heap]/[anon]), largest first, and the process's threads. */
function mappings(pid: number): { threads: string; top: { mapping: string; MB: number }[] } {
  const totals = new Map<string, number>();
  let current = "";
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) current = header[1]?.trim() || "[anon]";
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) totals.set(current, (totals.get(current) ?? 0) + Number(rss[1]));
  }
  const threads = readdirSync(`/proc/${pid}/task`)
    .map((t) => readFileSync(`/proc/${pid}/task/${t}/comm`, "utf8").trim())
    .join(", ");
  const top = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([mapping, kb]) => ({ mapping: mapping.replace(/^.*node_modules\//, ""), MB: Math.round(kb / 102.4) / 10 }));
  return { threads, top };
}

const rows = Number(values.rows);
const database = await createTestDatabase("sqlite");
if (!values.fresh) await seedProcesses(database.url, rows);
const snapshotDir = mkdtempSync(path.join(tmpdir(), "heap-"));
const server = await startBenchServer(
  { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", RATE_LIMIT_API_POINTS: "100000000" },
  [...positionals, ...(values.snapshot ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${snapshotDir}`] : [])],
);
const figures: Record<string, Record<string, number>> = { "after start": memory(server.pid) };
if (values.fresh) await seedProcesses(database.url, rows);
const token = await createTestToken(database.url, "Advanced user", { name: "memory" });
const bearer = { Authorization: `Bearer ${token}` };
const seconds = { warmUp: 0, duration: Number(values.seconds) };
const get: LoadOptions = { url: `${server.baseUrl}/api/v1/processes`, headers: bearer };
const getFigures = await measure(get, seconds);
figures["after GET load"] = memory(server.pid);
let n = 0;
const put: LoadOptions = {
  url: `${server.baseUrl}/api/v1/processes`,
  method: "PUT",
  headers: { ...bearer, "Content-Type": "application/json" },
  next: () => {
    const id = (n++ % rows) + 1;
    return { path: `/api/v1/processes/${id}`, body: JSON.stringify({ name: `Process ${id}`, comment: `edit ${n}` }) };
  },
};
const putFigures = await measure(put, seconds);
figures["after PUT load"] = memory(server.pid);
const signedIn = await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
await measure({ ...get, headers: { Cookie: signedIn.cookie ?? "" } }, seconds);
figures["after session-cookie GET load"] = memory(server.pid);
const all = Array.from({ length: rows }, (_, i) => ({ id: i + 1, name: `Bulk ${i + 1}`, comment: "bulk" }));
for (let run = 0; run < 5; run++) {
  await fetch(`${server.baseUrl}/api/v1/processes`, {
    method: "PUT",
    headers: { ...bearer, "Content-Type": "application/json" },
    body: JSON.stringify({ processes: all }),
  }).then((r) => r.text());
}
figures["after 5 bulk PUTs of every row"] = memory(server.pid);
console.log(
  `${rows} rows, node flags: ${positionals.join(" ") || "none"}; GET ${getFigures.rps} req/s, PUT ${putFigures.rps} req/s`,
);
console.table(figures);
const resident = mappings(server.pid);
console.log(`threads: ${resident.threads}`);
console.table(resident.top);
if (values.snapshot) {
  process.kill(server.pid, "SIGUSR2");
  // The snapshot is complete when its size stops growing.
  let size = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1_000));
    const file = readdirSync(snapshotDir).find((f) => f.endsWith(".heapsnapshot"));
    const now = file ? statSync(path.join(snapshotDir, file)).size : -1;
    if (file && now === size && now > 0) {
      const byConstructor = heapByConstructor(path.join(snapshotDir, file));
      const total = byConstructor.reduce((sum, [, bytes]) => sum + bytes, 0);
      console.log(`V8 heap in the snapshot: ${Math.round(total / 2 ** 20)} MB (${path.join(snapshotDir, file)})`);
      console.table(
        byConstructor.slice(0, 25).map(([name, bytes]) => ({ name, MB: Math.round((bytes / 2 ** 20) * 10) / 10 })),
      );
      break;
    }
    size = now;
  }
}
await server.stop();
await database.drop();

// npm run bench:bodies [-- --no-build] [-- --seconds 60]
// One caller sends maximum-size bodies (MAX_BODY_BYTES, 8 MB) as fast as its rate limit lets it (two
// connections; after a 429 it waits Retry-After); meanwhile another caller reads the list at a steady pace.
// Compares that reader's GET latency with a run where it is alone (issue 8: p50 at most 3×). Default
// limits (600 points per 60 s; a body costs one point per 256 KB started), SQLite, 7,000 processes.
// Writes bench-results/bodies-<time>.{md,json}.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { createTestDatabase } from "@/test/support/test-database";
import { machineFacts } from "./report";
import { startBenchServer, type BenchServer } from "./server";

const { values } = parseArgs({
  options: { "no-build": { type: "boolean", default: false }, seconds: { type: "string", default: "60" } },
});
const SECONDS = Number(values.seconds);
const ROWS = 7_000;
const MAX_BODY = 8 * 1024 * 1024;
const READER_PAUSE_MS = 150; // about 6 requests a second: well within the reader's own limit
const ATTACK_CONNECTIONS = 2;

process.env.NEXT_DIST_DIR ??= ".next-bench";
const log = (line: string) => process.stderr.write(`[bench:bodies] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The kinds of maximum-size body: the probe's (nested brackets), millions of values (both refused while
 * they stream in), the most the parser still gets to see (99,999 strings, then refused by the schema),
 * and real work (a valid bulk update of every process, its values as they were).
 */
function bodies(ids: number[]): Record<string, string> {
  const pad = (json: string) => json + " ".repeat(MAX_BODY - Buffer.byteLength(json));
  const deep = `{"processes":${"[".repeat(MAX_BODY - 20)}`;
  const numbers = pad(
    `{"processes":[${Array<number>(Math.floor((MAX_BODY - 20) / 2))
      .fill(7)
      .join(",")}]}`,
  );
  const strings = `{"processes":[${Array<string>(99_999)
    .fill(`"${"s".repeat(78)}"`)
    .join(",")}]}`;
  const item = (id: number) => ({ id, name: `Process ${id}`, comment: `comment text for Process ${id}` });
  const bulk = pad(JSON.stringify({ processes: ids.map(item) }));
  return {
    "nested brackets (refused while read)": deep,
    "4M numbers (refused while read)": numbers,
    "99,999 strings (parsed, then refused)": pad(strings),
    [`valid bulk update of ${ids.length.toLocaleString("en")} processes`]: bulk,
  };
}

type Reading = { p50: number; p90: number; p99: number; count: number; failures: number };

function percentiles(ms: number[], failures: number): Reading {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN) * 10) / 10;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), count: s.length, failures };
}

/** The reader: one GET at a time, paced, for `seconds`; latency of each. */
async function read(server: BenchServer, token: string, seconds: number): Promise<Reading> {
  const ms: number[] = [];
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const started = performance.now();
    const res = await fetch(`${server.baseUrl}/api/v1/processes`, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    ms.push(performance.now() - started);
    if (res.status !== 200) failures++;
    await sleep(READER_PAUSE_MS);
  }
  return percentiles(ms, failures);
}

/** The sender: bodies back to back on each connection until `stop`, waiting out every 429. */
async function send(server: BenchServer, token: string, body: string, stop: () => boolean) {
  const counts = { answered: 0, limited: 0, statuses: new Set<number>() };
  const connection = async () => {
    while (!stop()) {
      const res = await fetch(`${server.baseUrl}/api/v1/processes`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body,
      });
      await res.arrayBuffer();
      counts.statuses.add(res.status);
      if (res.status === 429) {
        counts.limited++;
        const until = Date.now() + Number(res.headers.get("retry-after") ?? 1) * 1000;
        while (!stop() && Date.now() < until) await sleep(200);
      } else counts.answered++;
    }
  };
  await Promise.all(Array.from({ length: ATTACK_CONNECTIONS }, connection));
  return { answered: counts.answered, limited: counts.limited, statuses: [...counts.statuses].sort((a, b) => a - b) };
}

if (!values["no-build"]) {
  log(`building into ${process.env.NEXT_DIST_DIR}`);
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
}
const machine = machineFacts();
const database = await createTestDatabase("sqlite");
let server: BenchServer | undefined;
try {
  log(`seeding ${ROWS} processes, creating two tokens`);
  await seedProcesses(database.url, ROWS);
  const readerToken = await createTestToken(database.url, "User", { name: "reader" });
  server = await startBenchServer({ DATABASE_URL: database.url, SEED_DEMO_DATA: "false" });
  const ids = Array.from({ length: ROWS }, (_, i) => i + 1);
  log("warming up");
  await read(server, readerToken, 3);
  log(`reader alone, ${SECONDS} s`);
  const alone = await read(server, readerToken, SECONDS);
  const runs = [];
  for (const [kind, body] of Object.entries(bodies(ids))) {
    // Each kind from a fresh caller, so that each starts with its whole limit.
    const senderToken = await createTestToken(database.url, "Advanced user", { name: `sender ${runs.length}` });
    log(`reader beside ${kind} (${(Buffer.byteLength(body) / 1048576).toFixed(1)} MB), ${SECONDS} s`);
    let done = false;
    const sending = send(server, senderToken, body, () => done);
    const beside = await read(server, readerToken, SECONDS);
    done = true;
    const sent = await sending;
    runs.push({ kind, beside, sent, ratioP50: Math.round((beside.p50 / alone.p50) * 100) / 100 });
    await sleep(2_000);
  }
  const peakRssMb = Math.round(server.peakRssKb() / 1024);
  const lines = [
    "## Expensive bodies: one caller's maximum-size bodies against another caller's reads",
    "",
    `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, SQLite, ${ROWS.toLocaleString("en")} processes, ` +
      `${machine.date}, load average before the run ${machine.loadAverage.join(" / ")}. Default limits ` +
      `(600 points per 60 s, one per 256 KB of body started: an 8 MB body costs 32). Sender: ${ATTACK_CONNECTIONS} connections, ` +
      `waiting out each 429. Reader: one GET /api/v1/processes every ${READER_PAUSE_MS} ms plus its latency, ${SECONDS} s per run.`,
    "",
    "| reader's GET | p50 ms | p90 ms | p99 ms | GETs | × p50 alone | sender's bodies answered / refused 429 |",
    "|---|---:|---:|---:|---:|---:|---|",
    `| alone | ${alone.p50} | ${alone.p90} | ${alone.p99} | ${alone.count} | 1 | – |`,
    ...runs.map(
      (r) =>
        `| beside ${r.kind} | ${r.beside.p50} | ${r.beside.p90} | ${r.beside.p99} | ${r.beside.count} | ${r.ratioP50} | ` +
        `${r.sent.answered} / ${r.sent.limited} (statuses ${r.sent.statuses.join(", ")}) |`,
    ),
    "",
    `Server peak RSS over the whole run: ${peakRssMb} MB.`,
  ];
  const table = lines.join("\n");
  console.log(table);
  mkdirSync("bench-results", { recursive: true });
  const stem = `bench-results/bodies-${machine.date.replace(/[:.]/g, "-")}`;
  writeFileSync(`${stem}.md`, table + "\n");
  writeFileSync(`${stem}.json`, JSON.stringify({ machine, alone, runs, peakRssMb }, null, 2) + "\n");
  log(`wrote ${stem}.md and .json`);
} finally {
  await server?.stop();
  await database.drop();
}

// npm run bench [-- --no-build] [-- --label <text>] [-- --duration <s>] [-- --rounds <n>] [-- --sizes 100,1000]
// The API's throughput against a bare Next app of the same Next version (scripts/bench/bare-next) answering
// the same list text, in the same run, on SQLite, for 100 and 1,000 processes; peak memory of both.
// Writes bench-results/api-<time>.{md,json}. Traffic goes to 127.0.0.1 only.
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sqliteFilePath } from "@/lib/db/url";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { TEST_ADMIN } from "@/test/support/accounts";
import { createTestDatabase } from "@/test/support/test-database";
import { signInOverHttp } from "@/test/support/session";
import { bareNextBuilt, buildBareNext, startBareNext } from "./bare";
import { eventFanout, triggerCost } from "./changes";
import { measure, type LoadFigures, type LoadOptions } from "./load";
import { postgresTestUrl } from "@/test/support/requirements";
import { machineFacts, markdown, type SizeResult } from "./report";
import { startBenchServer, type BenchServer } from "./server";
import { webhookCost, webhookMarkdown } from "./webhooks";

const { values } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    label: { type: "string", default: "" },
    duration: { type: "string", default: "10" },
    sizes: { type: "string", default: "100,1000" },
    rounds: { type: "string", default: "2" },
  },
});
const SECONDS = { warmUp: 1, duration: Number(values.duration) };
const SIZES = values.sizes.split(",").map(Number);
const BULK_RUNS = 5;
const ROUNDS = Number(values.rounds);

// Its own build folder, so a benchmark never replaces the build a test run beside it is serving.
process.env.NEXT_DIST_DIR ??= ".next-bench";

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

async function timeBulkPut(server: BenchServer, auth: Record<string, string>, ids: number[], items: number) {
  const runsMs: number[] = [];
  const failures: string[] = [];
  for (let run = 0; run < BULK_RUNS; run++) {
    const processes = ids.slice(0, items).map((id) => ({ id, name: `Bulk ${run} ${id}`, comment: `bulk run ${run}` }));
    const body = JSON.stringify({ processes });
    const started = performance.now();
    const res = await fetch(`${server.baseUrl}/api/v1/processes`, {
      method: "PUT",
      headers: { ...auth, "Content-Type": "application/json" },
      body,
    });
    const text = await res.text();
    runsMs.push(Math.round(performance.now() - started));
    // A failing bulk update is a finding to report, not a reason to lose the rest of the run.
    if (res.status !== 200)
      failures.push(`HTTP ${res.status} ${(JSON.parse(text) as { code?: number }).code ?? ""}`.trim());
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)];
  if (medianMs === undefined) throw new Error(`bulk PUT: no runs to take the median of (BULK_RUNS = ${BULK_RUNS})`);
  return { items, medianMs, runsMs, failures };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * The re-sync of a gateway: a bulk PUT of `items` processes exactly as stored (nothing differs), against a GET of
 * the list, alternating, BULK_RUNS times each; and what the PUTs wrote (history rows, versions) read from the file.
 */
async function timeResync(server: BenchServer, auth: Record<string, string>, databaseUrl: string, items: number) {
  const url = `${server.baseUrl}/api/v1/processes`;
  const listed = (await (await fetch(url, { headers: auth })).json()) as { processes: Record<string, unknown>[] };
  const processes = listed.processes
    .slice(0, items)
    .map(({ id, name, comment, version }) => ({ id, name, comment, version }));
  const body = JSON.stringify({ processes });
  const file = new Database(sqliteFilePath(databaseUrl), { readonly: true });
  const written = () =>
    file
      .prepare("SELECT (SELECT count(*) FROM process_changes) AS h, (SELECT sum(version) FROM processes) AS v")
      .get() as {
      h: number;
      v: number;
    };
  const before = written();
  const putMs: number[] = [];
  const getMs: number[] = [];
  const changed: string[] = [];
  for (let run = 0; run < BULK_RUNS; run++) {
    let started = performance.now();
    const res = await fetch(url, { method: "PUT", headers: { ...auth, "Content-Type": "application/json" }, body });
    await res.text();
    putMs.push(performance.now() - started);
    changed.push(`${res.status}/${res.headers.get("x-changed-count")}`);
    started = performance.now();
    await (await fetch(url, { headers: auth })).text();
    getMs.push(performance.now() - started);
  }
  const after = written();
  file.close();
  return {
    items,
    putMedianMs: Math.round(median(putMs) * 10) / 10,
    getMedianMs: Math.round(median(getMs) * 10) / 10,
    historyRowsWritten: after.h - before.h,
    versionsWritten: after.v - before.v,
    answers: changed,
  };
}

type Target = { name: keyof SizeResult["runs"]; options: LoadOptions };

/** Every target once per round, in the same order: the bare app's figures of a round are that round's ceiling. */
async function measureRounds(targets: Target[]): Promise<SizeResult["runs"]> {
  const runs = Object.fromEntries(targets.map((t) => [t.name, [] as LoadFigures[]])) as SizeResult["runs"];
  for (let round = 0; round < ROUNDS; round++) {
    log(`round ${round + 1} of ${ROUNDS}: ${targets.map((t) => t.name).join(", ")}`);
    for (const target of targets) runs[target.name].push(await measure(target.options, SECONDS));
  }
  return runs;
}

async function benchSize(rows: number): Promise<SizeResult> {
  const database = await createTestDatabase("sqlite");
  let server: BenchServer | undefined;
  let bare: BenchServer | undefined;
  let bareStart: BenchServer | undefined;
  try {
    log(`${rows} rows: seeding and creating a token`);
    await seedProcesses(database.url, rows);
    const token = await createTestToken(database.url, "Advanced user", { name: "bench" });
    server = await startBenchServer({
      DATABASE_URL: database.url,
      SEED_DEMO_DATA: "false",
      BENCH_CEILING_ROUTE: "1",
      // Counted on every request, never refusing: the limiter's cost is measured, not its answers.
      RATE_LIMIT_API_POINTS: "100000000",
      // The fan-out opens 100 streams with one token: above the default cap of 20 per caller (issue 18).
      EVENT_STREAMS_PER_CALLER: "200",
    });
    const bearer = { Authorization: `Bearer ${token}` };
    const signedIn = await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
    if (!signedIn.cookie) throw new Error(`sign-in gave no session cookie (HTTP ${signedIn.status})`);
    const cookie = { Cookie: signedIn.cookie };
    const url = `${server.baseUrl}/api/v1/processes`;
    const list = await fetch(url, { headers: bearer });
    if (list.status !== 200) throw new Error(`GET /api/v1/processes answered ${list.status}`);
    const body = await list.text();
    const ids = (JSON.parse(body) as { processes: { id: number }[] }).processes.map((p) => p.id);
    if (ids.length !== rows) throw new Error(`expected ${rows} processes, the API lists ${ids.length}`);
    // The ceiling answers the very text the project answered: same length, same bytes.
    bare = await startBareNext(body, "handler");
    bareStart = await startBareNext(body, "next start");

    let n = 0;
    const putOne: LoadOptions = {
      url,
      method: "PUT",
      cpuMs: server.cpuMs,
      headers: { ...bearer, "Content-Type": "application/json" },
      next: () => {
        const id = ids[n++ % ids.length];
        return {
          path: `/api/v1/processes/${id}`,
          body: JSON.stringify({ name: `Process ${id}`, comment: `edit ${n}` }),
        };
      },
    };
    const targets: Target[] = [
      { name: "bare", options: { url: `${bare.baseUrl}/api/v1/processes`, cpuMs: bare.cpuMs } },
      { name: "bareStart", options: { url: `${bareStart.baseUrl}/api/v1/processes`, cpuMs: bareStart.cpuMs } },
      { name: "frame", options: { url: `${server.baseUrl}/api/bench/ceiling?rows=${rows}`, cpuMs: server.cpuMs } },
      { name: "getBearer", options: { url, headers: bearer, cpuMs: server.cpuMs } },
      { name: "getSession", options: { url, headers: cookie, cpuMs: server.cpuMs } },
      {
        name: "getNotModified",
        options: { url, headers: { ...bearer, "If-None-Match": list.headers.get("etag") ?? "" }, cpuMs: server.cpuMs },
      },
      { name: "putOne", options: putOne },
    ];
    // Fresh servers are still compiling hot paths: whatever ran first would look slow.
    log(`${rows} rows: warming up every path`);
    for (const target of targets) await measure(target.options, { warmUp: 0, duration: SECONDS.warmUp });
    const runs = await measureRounds(targets);
    log(`${rows} rows: bulk PUT`);
    const bulkPut = await timeBulkPut(server, bearer, ids, Math.min(rows, 1_000));
    log(`${rows} rows: re-sync (bulk PUT of unchanged processes) against GET of the list`);
    const resync = await timeResync(server, bearer, database.url, Math.min(rows, 1_000));
    log(`${rows} rows: a change reaching 100 event streams`);
    const fanout = await eventFanout(server, bearer, ids[0]!);
    return {
      rows,
      runs,
      bulkPut,
      resync,
      fanout,
      peakRssMb: Math.round(server.peakRssKb() / 1024),
      barePeakRssMb: Math.round(bare.peakRssKb() / 1024),
      bareStartPeakRssMb: Math.round(bareStart.peakRssKb() / 1024),
    };
  } finally {
    await bare?.stop();
    await bareStart?.stop();
    await server?.stop();
    await database.drop();
  }
}

if (!values["no-build"]) {
  log(`building into ${process.env.NEXT_DIST_DIR}`);
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
}
if (!values["no-build"] || !bareNextBuilt()) {
  log("building the bare Next app (scripts/bench/bare-next)");
  buildBareNext();
}
const machine = machineFacts();
const results: SizeResult[] = [];
for (const rows of SIZES) results.push(await benchSize(rows));
// Issue 13's budget: the triggers may cost PUT throughput at most 5 %. Where PostgreSQL is available.
log(postgresTestUrl ? "PostgreSQL: PUT with and without the triggers" : "no TEST_DATABASE_URL: trigger cost skipped");
const triggers = postgresTestUrl ? await triggerCost(SECONDS) : null;
// Issue 26: what a webhook subscription adds to each write, and the delivery rate (scripts/bench/webhooks.ts).
log("webhooks: PUT with and without a subscription, delivery rate");
const webhooks = await webhookCost("sqlite", SECONDS, ROUNDS);
const table = [
  markdown(machine, results, { label: values.label, seconds: SECONDS.duration, rounds: ROUNDS }, triggers),
  ...webhookMarkdown([webhooks]),
].join("\n");
console.log(table);
mkdirSync("bench-results", { recursive: true });
const stem = `bench-results/api-${machine.date.replace(/[:.]/g, "-")}`;
writeFileSync(`${stem}.md`, table + "\n");
writeFileSync(
  `${stem}.json`,
  JSON.stringify({ label: values.label, machine, results, triggers, webhooks }, null, 2) + "\n",
);
log(`wrote ${stem}.md and .json`);

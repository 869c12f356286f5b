// The benchmark's table and the facts of the machine it ran on.
import { readFileSync } from "node:fs";
import os from "node:os";
import type { Fanout, TriggerCost } from "./changes";
import type { LoadFigures } from "./load";

export type SizeResult = {
  rows: number;
  /** Each target's figures, one per round; the bare app's run of a round is that round's ceiling. */
  runs: Record<
    "bare" | "bareStart" | "frame" | "getBearer" | "getSession" | "getNotModified" | "putOne",
    LoadFigures[]
  >;
  /** Issue 9: a change reaching 100 open event streams. */
  fanout: Fanout;
  bulkPut: { items: number; medianMs: number; runsMs: number[]; failures: string[] };
  /** A bulk PUT of processes exactly as stored, against a GET of the list in the same run (issue 21). */
  resync: {
    items: number;
    putMedianMs: number;
    getMedianMs: number;
    historyRowsWritten: number;
    versionsWritten: number;
    answers: string[];
  };
  peakRssMb: number;
  barePeakRssMb: number;
  bareStartPeakRssMb: number;
};

export type Machine = {
  cpu: string;
  cores: number;
  node: string;
  date: string;
  provider: string;
  loadAverage: number[];
};

export function machineFacts(): Machine {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  // The load average before the run: on a shared machine, other work skews every figure.
  const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
  return {
    cpu,
    cores: os.availableParallelism(),
    node: process.version,
    date: new Date().toISOString(),
    provider: "SQLite",
    loadAverage,
  };
}

const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** Means over rounds; the ratios are each round's own (same minutes of the machine's load), then averaged. */
function summary(runs: LoadFigures[], ceiling: LoadFigures[]) {
  const byCpu = runs.map((f, i) => {
    const c = ceiling[i]?.cpuMsPerRequest;
    return c && f.cpuMsPerRequest ? c / f.cpuMsPerRequest : NaN;
  });
  return {
    rps: Math.round(mean(runs.map((f) => f.rps))),
    p50Ms: round(mean(runs.map((f) => f.p50Ms)), 1),
    p99Ms: round(mean(runs.map((f) => f.p99Ms)), 1),
    cpuMs: runs.every((f) => f.cpuMsPerRequest !== null) ? round(mean(runs.map((f) => f.cpuMsPerRequest!)), 3) : null,
    ratio: mean(runs.map((f, i) => f.rps / (ceiling[i]?.rps ?? NaN))).toFixed(2),
    cpuRatio: byCpu.some(Number.isNaN) ? "–" : mean(byCpu).toFixed(2),
    perRound: runs.map((f) => f.rps.toLocaleString("en")).join(" / "),
    failed: runs.reduce((sum, f) => sum + f.non2xx + f.errors, 0),
  };
}

const LABELS: Record<keyof SizeResult["runs"], string> = {
  bare: "bare Next app behind node:http, as server.ts runs (the ceiling)",
  bareStart: "bare Next app, `next start`",
  frame: "`GET /api/bench/ceiling` (the project's frame, no data)",
  getBearer: "`GET /api/v1/processes`, Bearer",
  getSession: "`GET /api/v1/processes`, session cookie",
  getNotModified: "`GET /api/v1/processes`, Bearer, `If-None-Match` → 304 (counted as non-2xx)",
  putOne: "`PUT /api/v1/processes/{id}`, Bearer (with its history row)",
};

function row(name: keyof SizeResult["runs"], r: SizeResult): string {
  const s = summary(r.runs[name], r.runs.bare);
  const flags = s.failed ? ` ⚠ ${s.failed} non-2xx or errors` : "";
  return `| ${LABELS[name]} | ${s.rps.toLocaleString("en")} (${s.perRound}) | ${s.p50Ms} | ${s.p99Ms} | ${s.ratio} | ${s.cpuMs ?? "–"} | ${s.cpuRatio} |${flags}`;
}

export function markdown(
  machine: Machine,
  results: SizeResult[],
  run: { label: string; seconds: number; rounds: number },
  triggers: TriggerCost | null = null,
): string {
  const lines = [
    `## API benchmark${run.label ? ` – ${run.label}` : ""}`,
    "",
    `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.provider}, ${machine.date}, ` +
      `load average before the run ${machine.loadAverage.join(" / ")}. ` +
      `autocannon, 32 connections, ${run.rounds} rounds of ${run.seconds} s per request after a short warm-up; ` +
      `rate limiting on (never refusing). The ceiling is a bare Next app of the same version answering the same ` +
      `list text; "× ceiling" is each round's ratio to the ceiling's run of that round, averaged. ` +
      `"× ceiling by CPU" compares the server's CPU time per request, which other load on the machine skews far less.`,
    "",
  ];
  for (const r of results) {
    lines.push(
      `### ${r.rows.toLocaleString("en")} processes`,
      "",
      "| request | req/s (per round) | p50 ms | p99 ms | × ceiling | server CPU ms/req | × ceiling by CPU |",
      "|---|---:|---:|---:|---:|---:|---:|",
      ...(Object.keys(LABELS) as (keyof SizeResult["runs"])[]).map((name) => row(name, r)),
      "",
      `Bulk PUT of ${r.bulkPut.items.toLocaleString("en")}: median ${r.bulkPut.medianMs} ms ` +
        `(runs: ${r.bulkPut.runsMs.join(", ")} ms)` +
        (r.bulkPut.failures.length
          ? ` ⚠ FAILED ${r.bulkPut.failures.length} of ${r.bulkPut.runsMs.length}: ${r.bulkPut.failures.join(", ")}`
          : "") +
        `. Peak RSS (VmHWM): server ${r.peakRssMb} MB, bare Next app ${r.barePeakRssMb} MB ` +
        `(with \`next start\` ${r.bareStartPeakRssMb} MB) ` +
        `(${(r.peakRssMb / r.barePeakRssMb).toFixed(2)}×).`,
      "",
      `Re-sync: bulk PUT of ${r.resync.items.toLocaleString("en")} unchanged processes, median ${r.resync.putMedianMs} ms, ` +
        `against GET of the list ${r.resync.getMedianMs} ms in the same run ` +
        `(${(r.resync.putMedianMs / r.resync.getMedianMs).toFixed(2)}×); written by the PUTs: ` +
        `${r.resync.historyRowsWritten} history rows, ${r.resync.versionsWritten} versions (answers: ${r.resync.answers.join(", ")}).`,
      "",
      `A change reaching ${r.fanout.streams} open event streams (${r.fanout.changes} PUTs, from the PUT's send to ` +
        `each stream's event): p50 ${r.fanout.p50Ms} ms, p95 ${r.fanout.p95Ms} ms.`,
      "",
    );
  }
  if (triggers) {
    const rps = (l: LoadFigures[]) => l.map((f) => f.rps).join(", ");
    lines.push(
      "### PostgreSQL triggers (issue 13), 1,000 processes",
      "",
      `PUT /api/v1/processes/{id} with the triggers enabled ${rps(triggers.on)} req/s, disabled ${rps(triggers.off)} ` +
        `req/s (alternating rounds): median with/without = ${triggers.ratio}.`,
      "",
    );
  }
  return lines.join("\n");
}

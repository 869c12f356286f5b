// The benchmark's table and the facts of the machine it ran on.
import { readFileSync } from "node:fs";
import os from "node:os";
import type { Fanout, TriggerCost } from "./changes";
import type { LoadFigures } from "./load";

export type SizeResult = {
  rows: number;
  /** The mean of the two ceiling runs (before and after the GETs). */
  ceiling: LoadFigures;
  ceilingRuns: LoadFigures[];
  getBearer: LoadFigures;
  getSession: LoadFigures;
  /** GET with If-None-Match of the current ETag: 304, no body. */
  getNotModified: LoadFigures;
  putOne: LoadFigures;
  fanout: Fanout;
  bulkPut: { items: number; medianMs: number; runsMs: number[]; failures: string[] };
  peakRssMb: number;
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

const ratio = (f: LoadFigures, ceiling: LoadFigures) => (f.rps / ceiling.rps).toFixed(2);
// The ceiling's CPU per request over this one's: the req/s ratio a server that alone used the CPU would reach.
const cpuRatio = (f: LoadFigures, ceiling: LoadFigures) =>
  f.cpuMsPerRequest && ceiling.cpuMsPerRequest ? (ceiling.cpuMsPerRequest / f.cpuMsPerRequest).toFixed(2) : "–";

function row(label: string, f: LoadFigures, ceiling?: LoadFigures, expected304 = false): string {
  const flags = (f.non2xx && !expected304) || f.errors ? ` ⚠ ${f.non2xx} non-2xx, ${f.errors} errors` : "";
  const cpu = f.cpuMsPerRequest ?? "–";
  return `| ${label} | ${f.rps.toLocaleString("en")} | ${f.p50Ms} | ${f.p99Ms} | ${ceiling ? ratio(f, ceiling) : "–"} | ${cpu} | ${ceiling ? cpuRatio(f, ceiling) : "–"} |${flags}`;
}

export function markdown(
  machine: Machine,
  results: SizeResult[],
  label: string,
  seconds: number,
  triggers: TriggerCost | null,
): string {
  const lines = [
    `## API benchmark${label ? ` – ${label}` : ""}`,
    "",
    `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.provider}, ${machine.date}, ` +
      `load average before the run ${machine.loadAverage.join(" / ")}. ` +
      `autocannon, 32 connections, ${seconds} s per run after a short warm-up; rate limiting on (never refusing). ` +
      `"× ceiling by CPU" compares the server's CPU time per request, which other load on the machine skews far less than req/s.`,
    "",
  ];
  for (const r of results) {
    lines.push(
      `### ${r.rows.toLocaleString("en")} processes`,
      "",
      "| request | req/s | p50 ms | p99 ms | × ceiling | server CPU ms/req | × ceiling by CPU |",
      "|---|---:|---:|---:|---:|---:|---:|",
      row(
        `ceiling (constant JSON, ${r.rows} rows, public), mean of ${r.ceilingRuns.map((c) => c.rps).join(" and ")} req/s`,
        r.ceiling,
      ),
      row("GET /api/v1/processes, Bearer", r.getBearer, r.ceiling),
      row("GET /api/v1/processes, session cookie", r.getSession, r.ceiling),
      row("GET /api/v1/processes, Bearer, If-None-Match → 304", r.getNotModified, r.ceiling, true),
      row("PUT /api/v1/processes/{id}, Bearer (with history)", r.putOne),
      "",
      `Bulk PUT of ${r.bulkPut.items.toLocaleString("en")}: median ${r.bulkPut.medianMs} ms ` +
        `(runs: ${r.bulkPut.runsMs.join(", ")} ms)` +
        (r.bulkPut.failures.length
          ? ` ⚠ FAILED ${r.bulkPut.failures.length} of ${r.bulkPut.runsMs.length}: ${r.bulkPut.failures.join(", ")}`
          : "") +
        `. Server peak RSS (VmHWM): ${r.peakRssMb} MB.`,
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

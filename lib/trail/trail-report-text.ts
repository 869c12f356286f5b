import type { TrailReport } from "@/lib/trail/verify-trail";

/** The verifier's answer as the CLI prints it: one line per chain, then the break, if any. */
export function describeTrailReport(report: TrailReport): string {
  const lines = report.chains.map(
    (c) =>
      `${c.chain}: ${c.sealed} sealed row(s) intact` +
      (c.unsealed > 0 ? `, ${c.unsealed} newer row(s) not sealed yet` : "") +
      (c.lastId > 0 ? ` (head: id ${c.lastId}, ${c.lastHash})` : ""),
  );
  if (report.break) {
    const { chain, id, problem } = report.break;
    lines.push(`BROKEN: ${chain}${id === null ? "" : ` row id ${id}`}: ${problem}`);
  } else lines.push("The trail is intact.");
  return lines.join("\n");
}

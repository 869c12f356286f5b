/** Rows as an aligned text table with a header line, no index column (console.table adds one). */
export function formatTable(rows: Record<string, string | number | null>[]): string {
  const first = rows[0];
  if (!first) return "";
  const columns = Object.keys(first);
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? "–" : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    line(columns),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join("\n");
}

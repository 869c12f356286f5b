import "server-only";
import { TRAIL_COLUMNS } from "@/lib/trail/trail-columns";
import { listTrailRows, type TrailRow } from "@/lib/trail/trail-rows";
import type { TrailExportFilter } from "@/lib/validations/trail-export";

// The trail as a print-ready page (GET /api/v1/history.html): a header saying what it holds, for whom and when, a
// table of every change oldest first, and print CSS (A4 landscape, the table head repeated on each page, a row never
// split). Saved as PDF from the browser's print dialog. Written a page of rows at a time, as the CSV is.

const PAGE = 1_000;

/** The report's words, in its language (messages/*.json, trailReport). */
export type TrailReportLabels = {
  title: string;
  process: string;
  allProcesses: string;
  period: string;
  whole: string;
  generated: string;
  by: string;
  trail: string;
  printHint: string;
  total: string;
  empty: string;
  columns: Record<string, string>;
  kinds: Record<string, string>;
  actors: Record<string, string>;
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `
  body { font: 10pt/1.35 system-ui, sans-serif; color: #000; margin: 16px; }
  h1 { font-size: 15pt; margin: 0 0 6px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 12px; }
  dt { font-weight: 600; } dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #888; padding: 3px 5px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
  thead th { background: #eee; }
  td.hash { font: 7pt/1.2 ui-monospace, monospace; max-width: 9em; }
  .hint { color: #555; margin: 0 0 8px; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print {
    body { margin: 0; } .hint { display: none; }
    thead { display: table-header-group; } tr { break-inside: avoid; }
  }`;

type Options = {
  filter: TrailExportFilter;
  labels: TrailReportLabels;
  locale: string;
  timeZone: string;
  /** Who asked for it, as the report names them. */
  caller: string;
  /** The trail's state as this instance last verified it, in words. */
  trailState: string;
};

// The columns a printed page has room for: the previous link's hash is in the CSV.
const PRINTED = TRAIL_COLUMNS.filter((c) => c.key !== "prevHash");

export function trailHtmlStream(options: Options): ReadableStream<Uint8Array> {
  const { filter, labels, locale, timeZone } = options;
  const dates = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
  const when = (iso: string) => dates.format(new Date(iso));
  const cell = (row: TrailRow, key: string, value: string | number | null): string => {
    if (value === null) return "<td></td>";
    if (key === "changedAt") return `<td>${escape(when(String(value)))}</td>`;
    if (key === "kind") return `<td>${escape(labels.kinds[String(value)] ?? String(value))}</td>`;
    if (key === "actorType") return `<td>${escape(labels.actors[String(value)] ?? String(value))}</td>`;
    if (key === "hash") return `<td class="hash">${escape(String(value))}</td>`;
    return `<td>${escape(String(value))}</td>`;
  };
  const period =
    filter.from || filter.to
      ? `${filter.from ? when(filter.from) : "…"} – ${filter.to ? when(filter.to) : "…"}`
      : labels.whole;
  const head =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escape(labels.title)}</title>` +
    `<style>${STYLE}</style></head><body><h1>${escape(labels.title)}</h1>` +
    `<p class="hint">${escape(labels.printHint)}</p><dl>` +
    `<dt>${escape(labels.process)}</dt><dd>${filter.processId ?? escape(labels.allProcesses)}</dd>` +
    `<dt>${escape(labels.period)}</dt><dd>${escape(period)}</dd>` +
    `<dt>${escape(labels.generated)}</dt><dd>${escape(when(new Date().toISOString()))}</dd>` +
    `<dt>${escape(labels.by)}</dt><dd>${escape(options.caller)}</dd>` +
    `<dt>${escape(labels.trail)}</dt><dd>${escape(options.trailState)}</dd></dl>` +
    `<table><thead><tr>${PRINTED.map((c) => `<th>${escape(labels.columns[c.key] ?? c.key)}</th>`).join("")}</tr></thead><tbody>`;
  const encoder = new TextEncoder();
  let after = 0;
  let total = 0;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(head));
        return;
      }
      const rows = await listTrailRows({ filter, after, limit: PAGE });
      total += rows.length;
      const html = rows
        .map((row) => `<tr>${PRINTED.map((c) => cell(row, c.key, c.value(row))).join("")}</tr>`)
        .join("");
      if (html) controller.enqueue(encoder.encode(html));
      if (rows.length === PAGE) {
        after = rows.at(-1)!.id;
        return;
      }
      const end = total === 0 ? `<tr><td colspan="${PRINTED.length}">${escape(labels.empty)}</td></tr>` : "";
      controller.enqueue(
        encoder.encode(
          `${end}</tbody></table><p>${escape(labels.total.replace("{count}", String(total)))}</p></body></html>`,
        ),
      );
      controller.close();
    },
  });
}

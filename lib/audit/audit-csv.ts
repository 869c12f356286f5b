import "server-only";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import type { AuditEventView, AuditFilter } from "@/lib/validations/audit";

// The audit log as CSV (GET /api/v1/audit.csv): every event matching the filter, newest first, read in pages of
// PAGE and written as they come, so that a long log is never held whole. UTF-8 with a BOM (Excel then reads
// Cyrillic names), comma-separated, CRLF.

const PAGE = 1_000;
const BOM = "\uFEFF";

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "action",
  "actorType",
  "actorId",
  "actorName",
  "targetType",
  "targetId",
  "targetName",
  "ip",
  "requestId",
  "detail",
] as const;

// What a spreadsheet would run as a formula (OWASP "CSV injection"): such a value gets a leading "'", as the
// processes' export does (components/processes/csv/csv-format.ts). A typed email at a refused sign-in is
// anyone's text, so this matters here more than anywhere.
const FORMULA = /^'?[=+\-@\t\r]/;

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditCsvRow(event: AuditEventView): string {
  const fields = [
    event.id,
    event.at,
    event.action,
    event.actor.type,
    event.actor.id,
    event.actor.name,
    event.target?.type ?? null,
    event.target?.id ?? null,
    event.target?.name ?? null,
    event.ip,
    event.requestId,
    JSON.stringify(event.detail),
  ];
  return fields.map(csvField).join(",") + "\r\n";
}

/** The CSV text, as a stream of pages. */
export function auditCsvStream(filter: AuditFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: number | undefined;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + AUDIT_CSV_COLUMNS.join(",") + "\r\n"));
        return;
      }
      const page = await listAuditEvents({ ...filter, cursor, limit: PAGE });
      if (page.events.length > 0) controller.enqueue(encoder.encode(page.events.map(auditCsvRow).join("")));
      if (page.nextCursor === null) controller.close();
      else cursor = Number(page.nextCursor);
    },
  });
}

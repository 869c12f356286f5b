import "server-only";
import { csvField } from "@/lib/audit/audit-csv";
import { TRAIL_COLUMNS } from "@/lib/trail/trail-columns";
import { listTrailRows } from "@/lib/trail/trail-rows";
import type { TrailExportFilter } from "@/lib/validations/trail-export";

// The trail as CSV (GET /api/v1/history.csv), oldest first, as the audit log's CSV is written: UTF-8 with a BOM,
// comma-separated, CRLF, formulas neutralized, read and sent a page at a time.

const PAGE = 1_000;
const BOM = "\uFEFF";

export function trailCsvStream(filter: TrailExportFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + TRAIL_COLUMNS.map((c) => c.key).join(",") + "\r\n"));
        return;
      }
      const rows = await listTrailRows({ filter, after, limit: PAGE });
      const text = rows.map((row) => TRAIL_COLUMNS.map((c) => csvField(c.value(row))).join(",") + "\r\n").join("");
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length < PAGE) controller.close();
      else after = rows.at(-1)!.id;
    },
  });
}

import type { RouteKey } from "@/lib/api/routes";
import type { OperationSpec } from "@/lib/openapi/operation-spec";
import { LOCALES } from "@/lib/i18n/locale";
import { TRAIL_COLUMNS } from "@/lib/trail/trail-columns";

// The document's words for the inspector's exports of the history (issue 23).

type TrailKey = Extract<RouteKey, `${string} /api/v1/history.${string}`>;

const FILTERS =
  "`processId`: one process's changes (also after its deletion); `from` (inclusive) and `to` (exclusive): the " +
  "period, ISO 8601 with a time zone. None: the whole history. Every change is listed oldest first, with the " +
  "tamper-evident trail's hash of its row (`null` for a row not sealed yet: the seconds after an outside write). " +
  "A query parameter given twice, or one not listed here, is 1001.";

const parameters: NonNullable<OperationSpec["parameters"]> = [
  {
    in: "query",
    name: "processId",
    description: "Only this process's changes. Digits without sign or leading zero.",
    schema: { type: "integer", minimum: 1, maximum: 2_147_483_647 },
  },
  {
    in: "query",
    name: "from",
    description: "Changes at or after this instant (ISO 8601 with a time zone, `2026-12-01T00:00:00Z`).",
    schema: { type: "string", format: "date-time" },
  },
  {
    in: "query",
    name: "to",
    description: "Changes before this instant (ISO 8601 with a time zone).",
    schema: { type: "string", format: "date-time" },
  },
];

export const TRAIL_OPERATIONS: Record<TrailKey, OperationSpec> = {
  "GET /api/v1/history.csv": {
    tag: "Processes",
    summary: "The change trail as CSV (for an inspector)",
    description:
      "Every change matching the filters, oldest first, as CSV: UTF-8 with a byte order mark, comma-separated, " +
      `CRLF, a header row (\`${TRAIL_COLUMNS.map((c) => c.key).join(",")}\`). A value a spreadsheet would take for ` +
      "a formula is written with a leading `'`. " +
      FILTERS,
    parameters,
    answers: [
      {
        status: 200,
        mediaType: "text/csv",
        description: "The CSV file (`Content-Disposition: attachment`).",
        headers: ["Cache-Control"],
      },
    ],
    errors: [[1001, 400]],
  },
  "GET /api/v1/history.html": {
    tag: "Processes",
    summary: "The change trail as a printable report (for an inspector)",
    description:
      "The same changes as the CSV, as an HTML page made for printing (A4 landscape; the browser's Print " +
      "saves it as PDF): what it holds, who asked and when, the trail's state when this server last verified it, " +
      "then a table of the changes. " +
      FILTERS,
    parameters: [
      ...parameters,
      {
        in: "query",
        name: "lang",
        description: "The report's language; without it, the person's (the `locale` cookie, then `Accept-Language`).",
        schema: { type: "string", enum: [...LOCALES] },
      },
    ],
    answers: [{ status: 200, mediaType: "text/html", description: "The report.", headers: ["Cache-Control"] }],
    errors: [[1001, 400]],
  },
};

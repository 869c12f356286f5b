// The two export formats: UTF-8 with a BOM (the page's delimiter), and the file Russian Excel itself writes
// as "CSV (comma delimited)": Windows-1251, semicolons, CRLF, no BOM. Pure: bytes out, or what is in the way.
import type { ProcessFields } from "@/lib/validations/process";
import { encode1251, unmappable1251 } from "./csv-encode-1251";
import { toCsv } from "./csv-format";

export const EXPORT_FORMATS = ["utf-8", "excel-1251"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Row = { id: number } & ProcessFields;

export type ExportResult =
  | { ok: true; bytes: Uint8Array; type: string }
  /** Windows-1251 cannot hold some characters: which ones, in which rows (nothing is written). */
  | { ok: false; chars: string[]; ids: number[] };

export function exportCsv(rows: readonly Row[], format: ExportFormat, delimiter: ";" | ","): ExportResult {
  if (format === "utf-8")
    return { ok: true, bytes: new TextEncoder().encode(toCsv(rows, delimiter)), type: "text/csv;charset=utf-8" };
  const chars = new Set<string>();
  const ids: number[] = [];
  for (const row of rows) {
    const found = unmappable1251(row.name + row.comment);
    if (found.length === 0) continue;
    ids.push(row.id);
    for (const char of found) chars.add(char);
  }
  // Refused rather than written with "?": a later import of the file would overwrite those values.
  if (ids.length > 0) return { ok: false, chars: [...chars], ids };
  return { ok: true, bytes: encode1251(toCsv(rows, ";", { bom: false })), type: "text/csv;charset=windows-1251" };
}

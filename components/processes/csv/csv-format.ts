import Papa from "papaparse";
import type { ProcessFields } from "@/lib/validations/process";

// The CSV file of processes: writing it (export) and reading it (import), with papaparse. Pure: no DOM.

export const CSV_COLUMNS = ["id", "name", "comment"] as const;
const BOM = "\uFEFF";

/** Semicolon where the decimal separator is a comma (ru: what Excel expects there), comma elsewhere. */
export const delimiterFor = (locale: string): ";" | "," => (locale.startsWith("ru") ? ";" : ",");

// What a spreadsheet would run as a formula (OWASP "CSV injection"); papaparse's escapeFormulae prefixes
// such a value with "'", which reading the file takes off again. Papaparse's own pattern ends in `.*$`
// without the s flag, so a multi-line value slipped through; a value that already starts with "'" and a
// formula character is escaped too, so that reading takes off exactly the "'" that writing added. Spaces,
// NBSP and zero-width characters before the formula character count as nothing: some spreadsheets skip them.
const BLANKS = "[ \\u00A0\\u2000-\\u200D\\u2060\\u202F\\u205F\\u3000\\uFEFF]*";
const ESCAPE_ON_WRITE = new RegExp(`^'?${BLANKS}[=+\\-@\\t\\r]`);
const ADDED_ON_WRITE = new RegExp(`^'(?='?${BLANKS}[=+\\-@\\t\\r])`);

/**
 * The rows as CSV: a BOM (for UTF-8: Excel then reads Cyrillic correctly; none for the Windows-1251 file,
 * as Excel writes it), a header row, records ended by CRLF, values quoted when they hold the delimiter,
 * quotes or newlines (newlines inside a comment kept).
 */
export function toCsv(
  rows: readonly ({ id: number } & ProcessFields)[],
  delimiter: ";" | ",",
  { bom = true }: { bom?: boolean } = {},
): string {
  const data = rows.map((r) => [String(r.id), r.name, r.comment]);
  return (
    (bom ? BOM : "") +
    Papa.unparse({ fields: [...CSV_COLUMNS], data }, { delimiter, newline: "\r\n", escapeFormulae: ESCAPE_ON_WRITE })
  );
}

/** One record of an imported file: its line in the file (1 = the header), the id as written, the values. */
export type CsvRecord = { line: number; id: string; name: string; comment: string };

export type CsvReadResult =
  | { ok: true; records: CsvRecord[]; delimiter: string }
  | {
      ok: false;
      problem: "missingHeader" | "empty" | "malformed";
      /** malformed: the record's number. */ detail?: string;
    };

/** The delimiter the header row uses: a semicolon or a tab when it has one, else a comma. */
function headerDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  if (first.includes(";")) return ";";
  if (first.includes("\t")) return "\t";
  return ",";
}

const clean = (value: string | undefined) => (value ?? "").replace(/\r\n?/g, "\n").replace(ADDED_ON_WRITE, "");

/**
 * Reads a file written by `toCsv` or by a spreadsheet: a BOM or none, either delimiter (from the header),
 * quoted values with newlines (CRLF inside a value becomes LF, as typed), columns in any order by the header
 * (`id`, `name`, `comment`, any case; others ignored). Blank lines are skipped.
 */
export function parseCsv(input: string): CsvReadResult {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  if (text.trim() === "") return { ok: false, problem: "empty" };
  const delimiter = headerDelimiter(text);
  const { data, errors } = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', skipEmptyLines: false });
  const quoteError = errors.find((e) => e.type === "Quotes");
  if (quoteError) return { ok: false, problem: "malformed", detail: String((quoteError.row ?? 0) + 1) };
  const header = (data[0] ?? []).map((h) => h.trim().toLowerCase());
  const at = CSV_COLUMNS.map((c) => header.indexOf(c));
  if (at.some((i) => i < 0)) return { ok: false, problem: "missingHeader" };
  const [idAt, nameAt, commentAt] = at as [number, number, number];
  const records: CsvRecord[] = [];
  // Papa gives records, not lines: a quoted newline spans lines, so count them to name the line.
  let line = 1 + newlines(data[0]!);
  for (const cells of data.slice(1)) {
    line++;
    const blank = cells.every((c) => c.trim() === "");
    if (!blank)
      records.push({
        line,
        id: cells[idAt]?.trim() ?? "",
        name: clean(cells[nameAt]),
        comment: clean(cells[commentAt]),
      });
    line += newlines(cells);
  }
  return { ok: true, records, delimiter };
}

const newlines = (cells: readonly string[]) => cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

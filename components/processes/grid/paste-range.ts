import Papa from "papaparse";
import type { TableRow } from "../model/table-row";
import { FIELDS, type FieldName, type RowEdit } from "../model/row-entry";

/** Above this many cells, or past the end of the list, a paste asks first. */
export const PASTE_ASK_CELLS = 1_000;

/**
 * A spreadsheet range as the clipboard carries it (TSV: tabs between cells, newlines between rows,
 * quoted cells keeping their newlines), or null for plain text that the cell takes as typed.
 */
export function parseRange(text: string): string[][] | null {
  if (!/[\t\r\n]/.test(text)) return null;
  const { data } = Papa.parse<string[]>(text, { delimiter: "\t", quoteChar: '"', skipEmptyLines: false });
  // Spreadsheets end a copied range with a newline: no empty last row.
  const last = data.at(-1);
  if (data.length > 1 && last?.length === 1 && last[0] === "") data.pop();
  return data;
}

export type PasteColumn = "id" | FieldName;

/** Something of the range that the paste does not place, listed to the operator before it happens. */
export type PasteLeftOut =
  | { kind: "unknownId"; id: string }
  | { kind: "column"; name: string }
  | { kind: "pastEnd"; rows: number }
  | { kind: "pastLastColumn"; cells: number };

export type PastePlan = {
  edits: RowEdit[];
  /** Cells placed into rows (not those left out). */
  cells: number;
  rowsPastEnd: number;
  /** How rows and columns were matched: from the cell down and across, by an id column, or by a header row. */
  mapping: "position" | "id" | "header";
  leftOut: PasteLeftOut[];
};

/** The column names a header row may use: the CSV's (id, name, comment) and the table's labels. */
export function headerNames(labels: Record<PasteColumn, string>[] = []): Map<string, PasteColumn> {
  const names = new Map<string, PasteColumn>((["id", ...FIELDS] as const).map((c) => [c, c]));
  for (const set of labels)
    for (const [column, label] of Object.entries(set)) names.set(label.trim().toLowerCase(), column as PasteColumn);
  return names;
}

const isId = (value: string | undefined) => /^\d{1,10}$/.test(value?.trim() ?? "");

/**
 * The range laid out over the rows as shown. A first row naming two or more columns (id, name, comment, in
 * the CSV's or the table's words) is a header: values go by column name, rows by id when an id column is
 * there. Without a header, a first column of ids (over half of them shown rows) places each row on its id,
 * the rest across name then comment. Otherwise rows go down from the cell (rows no longer existing are
 * skipped) and columns across from its field. Whatever is not placed is listed in `leftOut`.
 */
export function planPaste(
  rows: readonly TableRow[],
  startIndex: number,
  field: FieldName,
  range: string[][],
  names: Map<string, PasteColumn> = headerNames(),
): PastePlan {
  const byId = new Map(rows.filter((r) => !r.gone).map((r) => [r.process.id, r]));
  const leftOut: PasteLeftOut[] = [];
  const first = range[0] ?? [];
  const header = first.map((cell) => names.get(cell.trim().toLowerCase()));
  const isHeader = header.filter(Boolean).length >= 2;
  let columns: (PasteColumn | undefined)[];
  let body = range;
  if (isHeader) {
    columns = header;
    body = range.slice(1);
    first.forEach((cell, i) => {
      if (!header[i] && cell.trim() !== "") leftOut.push({ kind: "column", name: cell.trim() });
    });
  } else {
    const idColumn =
      first.length >= 2 &&
      range.every((r) => isId(r[0])) &&
      range.filter((r) => byId.has(Number(r[0]))).length * 2 > range.length;
    columns = idColumn ? ["id", ...FIELDS] : FIELDS.slice(FIELDS.indexOf(field));
  }
  const idAt = columns.indexOf("id");
  const mapping = isHeader ? "header" : idAt === 0 ? "id" : "position";

  const edits: RowEdit[] = [];
  let cells = 0;
  let pastLastColumn = 0;
  const place = (row: TableRow, values: readonly string[]) => {
    const fields: Partial<Record<FieldName, string>> = {};
    values.forEach((value, c) => {
      const column = columns[c];
      if (column === "id") return;
      if (column) {
        fields[column] = value;
        cells++;
      } else if (!isHeader) pastLastColumn++;
    });
    edits.push({ id: row.process.id, saved: row.process, fields });
  };

  let rowsPastEnd = 0;
  if (idAt >= 0) {
    for (const values of body) {
      const row = byId.get(Number(values[idAt]));
      if (row && isId(values[idAt])) place(row, values);
      else leftOut.push({ kind: "unknownId", id: values[idAt]?.trim() ?? "" });
    }
  } else {
    const targets = rows.slice(startIndex).filter((r) => !r.gone);
    body.forEach((values, i) => {
      const row = targets[i];
      if (row) place(row, values);
    });
    rowsPastEnd = Math.max(0, body.length - targets.length);
  }
  if (rowsPastEnd > 0) leftOut.push({ kind: "pastEnd", rows: rowsPastEnd });
  if (pastLastColumn > 0) leftOut.push({ kind: "pastLastColumn", cells: pastLastColumn });
  return { edits, cells, rowsPastEnd, mapping, leftOut };
}

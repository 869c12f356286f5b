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

export type PastePlan = { edits: RowEdit[]; cells: number; rowsPastEnd: number };

/**
 * The range laid from a cell: rows down the list as shown (rows no longer existing are skipped), columns
 * across name then comment; what lies past the last column is dropped, what lies past the last row is counted.
 */
export function planPaste(
  rows: readonly TableRow[],
  startIndex: number,
  field: FieldName,
  range: string[][],
): PastePlan {
  const columns = FIELDS.slice(FIELDS.indexOf(field));
  const targets = rows.slice(startIndex).filter((r) => !r.gone);
  const edits: RowEdit[] = [];
  let cells = 0;
  range.forEach((values, i) => {
    const row = targets[i];
    const fields: Partial<Record<FieldName, string>> = {};
    columns.forEach((column, c) => {
      const value = values[c];
      if (value === undefined) return;
      fields[column] = value;
      cells++;
    });
    if (row) edits.push({ id: row.process.id, saved: row.process, fields });
  });
  return { edits, cells, rowsPastEnd: Math.max(0, range.length - targets.length) };
}

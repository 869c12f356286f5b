// A block of selected cells (Shift+arrows, Shift+click, Ctrl+A) over the rows as shown, and what the block
// does: copied out as TSV (Excel pastes it as cells), filled down (Ctrl+D), comments cleared (Delete). Pure.
import type { TableRow } from "../model/table-row";
import { FIELDS, type FieldName, type RowEdit, type RowEntry } from "../model/row-entry";

export type Cell = { id: number; field: FieldName };
/** The cell the selection started from and the one it reaches; the block is the rectangle between them. */
export type CellRange = { anchor: Cell; focus: Cell };
/** The block resolved over the rows as shown: its rows top down (no gone rows) and its columns. */
export type Block = { rows: TableRow[]; fields: FieldName[] };

export function blockOf(rows: readonly TableRow[], range: CellRange, indexById: Map<number, number>): Block {
  const a = indexById.get(range.anchor.id);
  const b = indexById.get(range.focus.id);
  if (a === undefined || b === undefined) return { rows: [], fields: [] };
  const [from, to] = a <= b ? [a, b] : [b, a];
  const f = [FIELDS.indexOf(range.anchor.field), FIELDS.indexOf(range.focus.field)].sort();
  return {
    rows: rows.slice(from, to + 1).filter((r) => !r.gone),
    fields: FIELDS.slice(f[0], f[1]! + 1),
  };
}

/** More than the one cell the focus is on. */
export const isBlock = (block: Block) => block.rows.length * block.fields.length > 1;

const shown = (row: TableRow, entryOf: (id: number) => RowEntry | undefined) =>
  entryOf(row.process.id)?.draft ?? row.process;

/** A cell for TSV: quoted (quotes doubled) when it holds a tab, a newline or a quote, as Excel writes it. */
const tsvCell = (value: string) => (/[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The block as TSV, values as shown (unsaved edits included), rows ended by CRLF as Excel's clipboard has. */
export function blockTsv(block: Block, entryOf: (id: number) => RowEntry | undefined): string {
  return block.rows
    .map((row) => {
      const values = shown(row, entryOf);
      return block.fields.map((field) => tsvCell(values[field])).join("\t");
    })
    .join("\r\n");
}

/** Ctrl+D: each column's top value copied into the rows below it in the block. */
export function fillDownEdits(block: Block, entryOf: (id: number) => RowEntry | undefined): RowEdit[] {
  const [top, ...below] = block.rows;
  if (!top) return [];
  const values = shown(top, entryOf);
  const fields = Object.fromEntries(block.fields.map((field) => [field, values[field]]));
  return below.map((row) => ({ id: row.process.id, saved: row.process, fields }));
}

/** Delete: the block's comments emptied (names are required, so they stay). */
export function clearCommentEdits(block: Block): RowEdit[] {
  if (!block.fields.includes("comment")) return [];
  return block.rows.map((row) => ({ id: row.process.id, saved: row.process, fields: { comment: "" } }));
}

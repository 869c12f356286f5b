import type { EditStore } from "../editing/edit-store";
import type { TableRow } from "../model/table-row";
import { fieldError, type FieldName } from "../model/row-entry";

/**
 * The next row with errors after `currentId` in the order shown (wrapping round), and its first refused
 * field; undefined when no shown row has errors.
 */
export function nextInvalidRow(
  rows: readonly TableRow[],
  store: EditStore,
  currentId: number | null,
): { id: number; field: FieldName } | undefined {
  const invalid = new Set(store.invalidIds());
  if (invalid.size === 0) return undefined;
  const start = currentId === null ? -1 : rows.findIndex((r) => r.process.id === currentId);
  for (let step = 1; step <= rows.length; step++) {
    const row = rows[(start + step + rows.length) % rows.length];
    if (!row || row.gone || !invalid.has(row.process.id)) continue;
    const entry = store.getRow(row.process.id);
    return { id: row.process.id, field: fieldError(entry, "name") ? "name" : "comment" };
  }
  return undefined;
}

// Find and replace over the names and comments of the rows shown, as they are shown (unsaved edits
// included). Pure: the dialog previews the changes, and applies them as one edit of the store (one undo step).
import type { TableRow } from "../model/table-row";
import { FIELDS, type FieldName, type RowEdit, type RowEntry } from "../model/row-entry";

export type ReplaceChange = { id: number; field: FieldName; before: string; after: string };
export type ReplacePlan = { changes: ReplaceChange[]; edits: RowEdit[] };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Every occurrence of `find` in the shown rows' names and comments replaced by `replace` (case-insensitive
 * unless `matchCase`); rows no longer existing are left alone. Empty `find`: no changes.
 */
export function planReplace(
  rows: readonly TableRow[],
  entryOf: (id: number) => RowEntry | undefined,
  find: string,
  replace: string,
  { matchCase = false }: { matchCase?: boolean } = {},
): ReplacePlan {
  const plan: ReplacePlan = { changes: [], edits: [] };
  if (find === "") return plan;
  const pattern = new RegExp(escape(find), matchCase ? "gu" : "giu");
  for (const { process, gone } of rows) {
    if (gone) continue;
    const shown = entryOf(process.id)?.draft ?? process;
    const fields: Partial<Record<FieldName, string>> = {};
    for (const field of FIELDS) {
      // A function, so "$&" or "$1" in the replacement is written as typed.
      const after = shown[field].replace(pattern, () => replace);
      if (after === shown[field]) continue;
      fields[field] = after;
      plan.changes.push({ id: process.id, field, before: shown[field], after });
    }
    if (Object.keys(fields).length > 0) plan.edits.push({ id: process.id, saved: process, fields });
  }
  return plan;
}

import { processIdSchema, type ProcessFields } from "@/lib/validations/process";
import type { ProcessListingItem } from "@/lib/validations/process-listing";
import type { CsvRecord } from "./csv-format";
import type { EditStore } from "../editing/edit-store";
import { baseOf, entryOf, FIELDS, type Base, type FieldErrors, type FieldName, type RowEdit } from "../model/row-entry";

/** A row of the file that changes a process: its values as shown now and as the file has them. */
export type ImportChange = {
  line: number;
  id: number;
  before: ProcessFields;
  after: ProcessFields;
  changed: FieldName[];
  /** The process as saved when the file was read: the version the import's edit starts from. */
  base: Base;
  /** The shared schema's reasons (as for typed input): applied, the row shows them and blocks Save all. */
  errors?: FieldErrors;
};

/** A row of the file that is not applied, and why. */
export type ImportSkip =
  | { line: number; kind: "unknownId"; id: number }
  | { line: number; kind: "invalidId"; value: string }
  | { line: number; kind: "duplicateId"; id: number; firstLine: number };

export type ImportPlan = { changes: ImportChange[]; skipped: ImportSkip[]; unchanged: number };

/**
 * What importing the file would do, compared with the rows as shown (an unsaved edit included): one change
 * per row that differs; ids not in the list, not ids at all, or repeated (the first one counts) are skipped.
 */
export function planImport(
  records: readonly CsvRecord[],
  processes: readonly ProcessListingItem[],
  store: EditStore,
): ImportPlan {
  const byId = new Map(processes.map((p) => [p.id, p]));
  const seen = new Map<number, number>();
  const plan: ImportPlan = { changes: [], skipped: [], unchanged: 0 };
  for (const { line, id: raw, name, comment } of records) {
    const parsed = /^\d+$/.test(raw) ? processIdSchema.safeParse(Number(raw)) : null;
    if (!parsed?.success) {
      plan.skipped.push({ line, kind: "invalidId", value: raw });
      continue;
    }
    const id = parsed.data;
    const firstLine = seen.get(id);
    if (firstLine !== undefined) {
      plan.skipped.push({ line, kind: "duplicateId", id, firstLine });
      continue;
    }
    seen.set(id, line);
    const process = byId.get(id);
    if (!process) {
      plan.skipped.push({ line, kind: "unknownId", id });
      continue;
    }
    const shown = store.getRow(id)?.draft ?? process;
    const before = { name: shown.name, comment: shown.comment };
    const after = { name, comment };
    const changed = FIELDS.filter((f) => before[f] !== after[f]);
    if (changed.length === 0) {
      plan.unchanged++;
      continue;
    }
    const errors = entryOf(after).schemaErrors;
    plan.changes.push({ line, id, before, after, changed, base: baseOf(process), errors });
  }
  return plan;
}

/**
 * The plan's changes as one edit of the store (one undo step): only the fields the preview showed as
 * changed, over each process as it was when the file was read. Had someone changed it while the preview
 * was open, the save meets their version with a 1007 and merges or opens a conflict (rebase.ts), instead of
 * writing the file's copy of a field the preview did not show as changing.
 */
export function importEdits(plan: ImportPlan): RowEdit[] {
  return plan.changes.map(({ id, base, after, changed }) => ({
    id,
    saved: base,
    fields: Object.fromEntries(changed.map((field) => [field, after[field]])),
  }));
}

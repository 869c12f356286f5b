import type { Process } from "@/lib/validations/process";
import { isRowBlocked, type RowEntry } from "../model/row-entry";

export type EditSummary = {
  /** Ids with unsaved edits that can still be saved (a process that no longer exists is excluded). */
  editedIds: number[];
  invalidCount: number;
  /** Rows where both sides changed a field: Save all waits until each is resolved. */
  conflictCount: number;
  goneProcesses: Process[];
};

export const EMPTY_SUMMARY: EditSummary = { editedIds: [], invalidCount: 0, conflictCount: 0, goneProcesses: [] };

export const isSavable = (e: RowEntry) => e.draft !== undefined && e.outcome?.kind !== "gone";

/**
 * The page's summary of the store's entries. Keystrokes in an already edited row change nothing here: the
 * old object (and its lists) is kept, so the toolbar does not re-render.
 */
export function summarizeEntries(entries: ReadonlyMap<number, RowEntry>, old: EditSummary): EditSummary {
  const editedIds: number[] = [];
  const goneProcesses: Process[] = [];
  let invalidCount = 0;
  let conflictCount = 0;
  for (const [id, entry] of entries) {
    if (entry.outcome?.kind === "gone") goneProcesses.push(entry.outcome.process);
    else if (isSavable(entry)) {
      editedIds.push(id);
      if (entry.conflict) conflictCount++;
      else if (isRowBlocked(entry)) invalidCount++;
    }
  }
  editedIds.sort((a, b) => a - b);
  const sameEdited = sameList(old.editedIds, editedIds);
  const sameGone = sameList(old.goneProcesses, goneProcesses);
  if (sameEdited && sameGone && old.invalidCount === invalidCount && old.conflictCount === conflictCount) return old;
  return {
    editedIds: sameEdited ? old.editedIds : editedIds,
    invalidCount,
    conflictCount,
    goneProcesses: sameGone ? old.goneProcesses : goneProcesses,
  };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

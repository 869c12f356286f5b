// Undo across a save: what each save wrote (the values before it and the versions it made), so that Ctrl+Z
// or the toast's Undo can write the values back as a new save against those versions. A change someone made
// since then meets that version with a 1007 and merges or opens a conflict (rebase.ts): never overwritten.
import type { Process, ProcessFields } from "@/lib/validations/process";
import type { Base } from "../model/row-entry";

/** One row of a save: its values before the save, and as written (with the version the save made). */
export type SavedRow = { id: number; before: ProcessFields; after: Base };
export type SavedStep = { rows: SavedRow[] };

/** How many saves can be undone, newest last. */
const KEPT = 20;

/**
 * The step a save made, from the rows sent (each with the saved values its draft started from) and the
 * processes the server answered with; rows whose values did not change are left out; null when none did.
 */
export function savedStep(
  sent: readonly { id: number; before?: ProcessFields }[],
  written: readonly Process[],
): SavedStep | null {
  const byId = new Map(written.map((p) => [p.id, p]));
  const rows = sent.flatMap(({ id, before }) => {
    const after = byId.get(id);
    if (!before || !after || (before.name === after.name && before.comment === after.comment)) return [];
    return [{ id, before, after: { name: after.name, comment: after.comment, version: after.version } }];
  });
  return rows.length > 0 ? { rows } : null;
}

/** The saves that can be undone, newest last. */
export class SavedSteps {
  private steps: SavedStep[] = [];

  push(step: SavedStep): void {
    this.steps = [...this.steps.slice(-(KEPT - 1)), step];
  }

  /** Takes the given step (the toast's) or the newest one out: it is undone once. */
  take(step?: SavedStep): SavedStep | undefined {
    const taken = step ?? this.steps.at(-1);
    if (!taken || !this.steps.includes(taken)) return undefined;
    this.steps = this.steps.filter((s) => s !== taken);
    return taken;
  }
}

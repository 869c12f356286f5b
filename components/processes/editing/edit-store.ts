// Editing state: the store of row entries (drafts, the saved values they started from, conflicts and their
// merge in rebase.ts), undo and redo, and the context that hands the store to the rows (editor-context.tsx).

import type { ProcessFields } from "@/lib/validations/process";
import { EMPTY_SUMMARY, summarizeEntries, type EditSummary } from "./edit-summary";

export type { EditSummary };
import { rebasedEntry, resolvedEntry, type Change } from "./rebase";
import {
  baseOf,
  entryOf,
  FIELDS,
  isRowBlocked,
  withoutFields,
  type Base,
  type RowEdit,
  type RowEntry,
  type RowSettlement,
} from "../model/row-entry";

/** How many steps can be undone and redone (kept as one object while the numbers stay). */
export type HistoryState = { undo: number; redo: number };

/** One operator step: the entries it changed, as they were and as they became. `cell` groups typing. */
type Step = { before: Map<number, RowEntry | undefined>; after: Map<number, RowEntry | undefined>; cell?: string };

const HISTORY_LIMIT = 200;

/**
 * The page's edits, outside React: rows subscribe to their own entry only, so typing in one row re-renders
 * that row alone, and edits survive a row being unmounted by the virtualizer. Every change goes through
 * `commit`, one batch and one notification per operator step (a keystroke, a paste, a save's answer).
 */
export class EditStore {
  private entries = new Map<number, RowEntry>();
  private rowListeners = new Map<number, Set<() => void>>();
  private listeners = new Set<() => void>();
  private summary: EditSummary = EMPTY_SUMMARY;
  private done: Step[] = [];
  private undone: Step[] = [];
  private history: HistoryState = { undo: 0, redo: 0 };

  getRow = (id: number): RowEntry | undefined => this.entries.get(id);
  getSummary = (): EditSummary => this.summary;
  getHistory = (): HistoryState => this.history;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  subscribeRow(id: number, listener: () => void): () => void {
    let set = this.rowListeners.get(id);
    if (!set) this.rowListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Every savable draft, in id order, with the version it started from. */
  drafts(): { id: number; draft: ProcessFields; base?: Base }[] {
    return this.summary.editedIds.flatMap((id) => {
      const entry = this.entries.get(id);
      return entry?.draft ? [{ id, draft: entry.draft, base: entry.base }] : [];
    });
  }

  /** Savable rows the schema or the server refuses, in id order (for "next error"). */
  invalidIds(): number[] {
    return this.summary.editedIds.filter((id) => {
      const entry = this.entries.get(id);
      return entry !== undefined && isRowBlocked(entry);
    });
  }

  /**
   * Applies the operator's edits. A row typed back to its saved values has no draft; a changed field loses
   * the server's reason for it and the row its last outcome (a vanished process stays marked).
   */
  edit(edits: readonly RowEdit[]): void {
    const next = new Map<number, RowEntry | undefined>();
    for (const { id, saved, fields } of edits) {
      const old = next.has(id) ? next.get(id) : this.entries.get(id);
      const shown = old?.draft ?? saved;
      const values = { name: fields.name ?? shown.name, comment: fields.comment ?? shown.comment };
      const changed = FIELDS.filter((f) => values[f] !== shown[f]);
      if (changed.length === 0) continue;
      const draft = FIELDS.every((f) => values[f] === saved[f]) ? undefined : values;
      const serverErrors = draft ? withoutFields(old?.serverErrors, changed) : undefined;
      const outcome = old?.outcome?.kind === "gone" ? old.outcome : undefined;
      // The first edit fixes the base; an open conflict stays open whatever is typed.
      const rest = { base: old?.base ?? baseOf(saved), conflict: old?.conflict };
      next.set(id, entryOf(draft, serverErrors, outcome, rest));
    }
    // Typing in one cell is one step, as a spreadsheet undoes a cell's entry at once.
    const only = edits.length === 1 ? edits[0] : undefined;
    const fields = only ? Object.keys(only.fields) : [];
    this.record(next, only && fields.length === 1 ? `${only.id}:${fields[0]}` : undefined);
  }

  /** Takes back the last step (typing in a cell, a paste, a discard); false when there is none. */
  undo = (): boolean => this.travel(this.done, this.undone, "before");
  redo = (): boolean => this.travel(this.undone, this.done, "after");

  editRow(id: number, saved: Base, fields: Partial<ProcessFields>): void {
    this.edit([{ id, saved, fields }]);
  }

  /** Puts back drafts kept elsewhere (the sign-in round trip), replacing whatever those rows held. */
  restore(drafts: readonly { id: number; draft: ProcessFields; base?: Base }[]): void {
    this.commit(
      new Map(drafts.map(({ id, draft, base }) => [id, entryOf({ ...draft }, undefined, undefined, { base })])),
    );
  }

  /**
   * Someone else changed these processes: edited rows merge quietly or open a conflict (rebase.ts), rows
   * without edits are marked "changed by" (when `mark`). Not an operator step: nothing to undo.
   */
  rebase(changes: readonly { id: number; theirs: Base | null; change: Change; mark?: boolean }[]): void {
    const next = new Map<number, RowEntry | undefined>();
    for (const { id, theirs, change, mark } of changes) {
      const old = this.entries.get(id);
      if (old?.draft) next.set(id, rebasedEntry(old, theirs, change));
      else if (mark && theirs && old?.outcome?.kind !== "gone")
        next.set(id, { outcome: { kind: "changed", ...change } });
    }
    this.commit(next);
  }

  /** Clears "changed by … just now" marks, except on rows that have moved on since. */
  clearChanged(ids: readonly number[]): void {
    const marked = ids.filter((id) => {
      const entry = this.entries.get(id);
      return entry?.outcome?.kind === "changed" && !entry.draft;
    });
    this.commit(new Map(marked.map((id) => [id, undefined])));
  }

  /** The operator picked a side of a conflict. */
  resolve(id: number, choice: "mine" | "theirs"): void {
    const old = this.entries.get(id);
    if (old?.conflict) this.commit(new Map([[id, resolvedEntry(old, choice)]]));
  }

  /**
   * Records how a save ended. A row typed on while its request was out keeps the newer draft, unsaved.
   * Saved values are the server's now: steps before them cannot be undone.
   */
  settle(results: readonly RowSettlement[]): void {
    if (results.some((r) => r.kind === "saved")) this.done = this.undone = [];
    const next = new Map<number, RowEntry | undefined>();
    for (const result of results) {
      const old = this.entries.get(result.id);
      switch (result.kind) {
        case "saved":
          if (old?.draft === result.draft) next.set(result.id, { outcome: { kind: "saved" } });
          break;
        case "failed":
          next.set(result.id, { ...old, outcome: { kind: "failed", reason: result.reason } });
          break;
        case "refused": {
          const serverErrors = result.serverErrors && { ...result.serverErrors };
          next.set(result.id, { ...old, serverErrors, outcome: { kind: "failed", reason: result.reason } });
          break;
        }
        case "gone":
          next.set(result.id, { ...old, outcome: { kind: "gone", process: result.process } });
          break;
      }
    }
    this.commit(next);
  }

  discard(id: number): void {
    this.record(new Map([[id, undefined]]));
  }

  discardAll(): void {
    this.record(new Map([...this.entries.keys()].map((id) => [id, undefined])));
  }

  /** An operator step: applied, and remembered for undo (a new step forgets what was undone). */
  private record(changes: Map<number, RowEntry | undefined>, cell?: string): void {
    if (changes.size === 0) return;
    const before = new Map([...changes.keys()].map((id) => [id, this.entries.get(id)]));
    const last = this.done.at(-1);
    if (cell && last?.cell === cell && this.undone.length === 0) {
      for (const [id, entry] of changes) last.after.set(id, entry);
    } else {
      this.done.push({ before, after: new Map(changes), cell });
      if (this.done.length > HISTORY_LIMIT) this.done.shift();
    }
    this.undone = [];
    this.commit(changes);
  }

  private travel(from: Step[], to: Step[], side: "before" | "after"): boolean {
    const step = from.pop();
    if (!step) return false;
    to.push({ ...step, cell: undefined });
    this.commit(step[side]);
    return true;
  }

  /** The one place entries change (undefined removes one): then the summary, then the listeners. */
  private commit(changes: ReadonlyMap<number, RowEntry | undefined>): void {
    if (changes.size === 0) return;
    for (const [id, entry] of changes) {
      if (!entry || (!entry.draft && !entry.outcome && !entry.serverErrors)) this.entries.delete(id);
      else this.entries.set(id, entry);
    }
    this.summarize();
    const history = { undo: this.done.length, redo: this.undone.length };
    if (history.undo !== this.history.undo || history.redo !== this.history.redo) this.history = history;
    for (const id of changes.keys()) this.rowListeners.get(id)?.forEach((l) => l());
    this.listeners.forEach((l) => l());
  }

  private summarize(): void {
    this.summary = summarizeEntries(this.entries, this.summary);
  }
}

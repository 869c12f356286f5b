import type { FieldErrors, FieldName } from "@/lib/query/problem-pointers";
import { processFieldsSchema, type Process, type ProcessFields } from "@/lib/validations/process";

export type { FieldErrors, FieldName };

/** What happened to a row's last save; cleared when the operator edits the row again ("gone" stays). */
export type RowOutcome = { kind: "saved" } | { kind: "failed"; reason: string } | { kind: "gone"; process: Process };

/** One row's edits. Entries are replaced, never mutated, so subscribers can compare by identity. */
export type RowEntry = {
  draft?: ProcessFields;
  /** The draft passes the shared schema (the same check the form's resolver makes). */
  valid: boolean;
  /** The server's reasons (1001), each kept until its field changes. */
  serverErrors?: FieldErrors;
  outcome?: RowOutcome;
};

export type EditSummary = {
  /** Ids with unsaved edits that can still be saved (a process that no longer exists is excluded). */
  editedIds: number[];
  invalidCount: number;
  goneProcesses: Process[];
};

const EMPTY_SUMMARY: EditSummary = { editedIds: [], invalidCount: 0, goneProcesses: [] };

const isSavable = (e: RowEntry) => e.draft !== undefined && e.outcome?.kind !== "gone";
const isBlocked = (e: RowEntry) => !e.valid || Object.keys(e.serverErrors ?? {}).length > 0;

/**
 * The page's edits, outside React: rows subscribe to their own entry only, so typing in one row re-renders
 * that row alone, and edits survive a row being unmounted by the virtualizer.
 */
export class EditStore {
  private entries = new Map<number, RowEntry>();
  private rowListeners = new Map<number, Set<() => void>>();
  private listeners = new Set<() => void>();
  private summary: EditSummary = EMPTY_SUMMARY;

  getRow = (id: number): RowEntry | undefined => this.entries.get(id);
  getSummary = (): EditSummary => this.summary;

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

  /** Every savable draft, in id order. */
  drafts(): { id: number; draft: ProcessFields; entry: RowEntry }[] {
    return this.summary.editedIds.map((id) => {
      const entry = this.entries.get(id)!;
      return { id, draft: entry.draft!, entry };
    });
  }

  /** Sets (or, with undefined, drops) a row's draft; editing clears the last outcome and that field's server error. */
  setDraft(id: number, draft: ProcessFields | undefined, changed?: FieldName): void {
    const old = this.entries.get(id);
    const serverErrors = { ...old?.serverErrors };
    if (changed) delete serverErrors[changed];
    if (!draft) {
      delete serverErrors.name;
      delete serverErrors.comment;
    }
    const outcome = old?.outcome?.kind === "gone" ? old.outcome : undefined;
    this.put(id, {
      draft,
      valid: draft ? processFieldsSchema.safeParse(draft).success : true,
      serverErrors: Object.keys(serverErrors).length ? serverErrors : undefined,
      outcome,
    });
  }

  update(id: number, patch: Partial<RowEntry>): void {
    this.put(id, { valid: true, ...this.entries.get(id), ...patch });
  }

  discard(id: number): void {
    this.put(id, undefined);
  }

  discardAll(): void {
    const ids = [...this.entries.keys()];
    this.entries.clear();
    this.emit(ids);
  }

  private put(id: number, entry: RowEntry | undefined): void {
    const empty = !entry || (!entry.draft && !entry.outcome && !entry.serverErrors);
    if (empty) this.entries.delete(id);
    else this.entries.set(id, entry);
    this.emit([id]);
  }

  private emit(ids: number[]): void {
    const editedIds: number[] = [];
    const goneProcesses: Process[] = [];
    let invalidCount = 0;
    for (const [id, entry] of this.entries) {
      if (entry.outcome?.kind === "gone") goneProcesses.push(entry.outcome.process);
      else if (isSavable(entry)) {
        editedIds.push(id);
        if (isBlocked(entry)) invalidCount++;
      }
    }
    editedIds.sort((a, b) => a - b);
    const old = this.summary;
    // Keystrokes in an already edited row change nothing here: keep the object so the toolbar does not re-render.
    const same =
      old.invalidCount === invalidCount &&
      sameList(old.editedIds, editedIds) &&
      sameList(old.goneProcesses, goneProcesses);
    if (!same) {
      this.summary = {
        editedIds: sameList(old.editedIds, editedIds) ? old.editedIds : editedIds,
        invalidCount,
        goneProcesses: sameList(old.goneProcesses, goneProcesses) ? old.goneProcesses : goneProcesses,
      };
    }
    for (const id of ids) this.rowListeners.get(id)?.forEach((l) => l());
    this.listeners.forEach((l) => l());
  }
}

export const isRowBlocked = isBlocked;

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

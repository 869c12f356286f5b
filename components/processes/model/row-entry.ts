// The editor's shared model, below every part (docs/decisions/005): a row's entry (draft, errors, outcome,
// conflict) here and the table's row in table-row.ts. Types and pure helpers; it imports no other part.

import type { FieldErrors, FieldName } from "@/lib/query/problem-pointers";
import { processFieldsSchema, type Process, type ProcessFields } from "@/lib/validations/process";

export type { FieldErrors, FieldName };

export const FIELDS = ["name", "comment"] as const satisfies readonly FieldName[];

/** What happened to a row's last save; cleared when the operator edits the row again ("gone" stays). */
export type RowOutcome =
  | { kind: "saved" }
  | { kind: "failed"; reason: string }
  | { kind: "gone"; process: Process }
  /** Someone else's change was merged into this row's edits (their fields plus mine); `fields`: theirs. */
  | { kind: "merged"; by: string | null; fields: FieldName[] }
  /** An unedited row just took someone else's change from the event stream (cleared after a moment). */
  | { kind: "changed"; by: string | null };

/** The saved values an edit started from, with their version: a save's precondition. */
export type Base = Pick<Process, "name" | "comment" | "version">;

/** Both sides changed the same fields: their values wait beside mine until the operator picks. */
export type RowConflict = {
  theirs: Base;
  fields: FieldName[];
  by: string | null;
  /** When their change was made (ISO), when known. */
  at: string | null;
};

/**
 * Everything the page knows about one row beyond the saved process: the one source of its values and
 * messages. Entries are replaced, never mutated, so subscribers can compare by identity.
 */
export type RowEntry = {
  /** The operator's values; absent while the row shows the saved process. */
  draft?: ProcessFields;
  /** The shared schema's first reason per field of the draft; absent when the draft passes. */
  schemaErrors?: FieldErrors;
  /** The server's reasons (1001), each kept until its field changes. */
  serverErrors?: FieldErrors;
  outcome?: RowOutcome;
  /** The saved process the draft started from (kept with the draft): its version goes with the save. */
  base?: Base;
  conflict?: RowConflict;
};

/** One operator step on one row: `fields` typed (or pasted, or reverted) over the row as shown. */
export type RowEdit = { id: number; saved: Base; fields: Partial<ProcessFields> };

/** How a save ended for one row it sent (decided by save-outcome.ts). */
export type RowSettlement =
  | { id: number; kind: "saved"; draft: ProcessFields }
  | { id: number; kind: "failed"; reason: string }
  | { id: number; kind: "refused"; reason: string; serverErrors?: FieldErrors }
  | { id: number; kind: "gone"; process: Process };

/** The message a field shows: the server's reason wins until the field changes. */
export const fieldError = (entry: RowEntry | undefined, field: FieldName): string | undefined =>
  entry?.serverErrors?.[field] ?? entry?.schemaErrors?.[field];

/** A row that may not be sent: the schema or the server refuses one of its fields, or a conflict is open. */
export const isRowBlocked = (entry: RowEntry): boolean =>
  entry.schemaErrors !== undefined || entry.serverErrors !== undefined || entry.conflict !== undefined;

/** The base of a saved process (what an edit of it starts from). */
export const baseOf = ({ name, comment, version }: Base): Base => ({ name, comment, version });

/** An entry with its draft checked against the shared schema (the same check the API makes). */
export function entryOf(
  draft: ProcessFields | undefined,
  serverErrors?: FieldErrors,
  outcome?: RowOutcome,
  rest: Pick<RowEntry, "base" | "conflict"> = {},
): RowEntry {
  const kept = draft ? rest : {};
  return { draft, schemaErrors: draft && schemaErrors(draft), serverErrors, outcome, ...kept };
}

/** The schema's verdict on a draft, as the first reason per field (what a form resolver would show). */
function schemaErrors(draft: ProcessFields): FieldErrors | undefined {
  const result = processFieldsSchema.safeParse(draft);
  if (result.success) return undefined;
  const errors: FieldErrors = {};
  for (const { path, message } of result.error.issues) {
    const field = FIELDS.find((f) => f === path[0]);
    if (field && errors[field] === undefined) errors[field] = message;
  }
  return errors;
}

/** The server's reasons minus those for fields the operator has since changed. */
export function withoutFields(errors: FieldErrors | undefined, fields: readonly FieldName[]): FieldErrors | undefined {
  if (!errors) return undefined;
  const rest = { ...errors };
  for (const f of fields) delete rest[f];
  return Object.keys(rest).length > 0 ? rest : undefined;
}

import type { ProcessFields } from "@/lib/validations/process";
import { baseOf, entryOf, FIELDS, type Base, type FieldName, type RowEntry } from "../model/row-entry";

/**
 * What becomes of my edit when the saved process moved from `base` to `theirs` underneath it.
 * merged: no field was changed on both sides; the draft is their fields plus mine, against their version
 * (`draft` undefined when it now equals theirs). conflict: both sides changed `fields` to different values;
 * `draft` still holds mine there (their other fields are taken). gone: the process no longer exists.
 */
export type Rebase =
  | { kind: "merged"; draft: ProcessFields | undefined; base: Base; theirFields: FieldName[] }
  | { kind: "conflict"; draft: ProcessFields; base: Base; fields: FieldName[] }
  | { kind: "gone" };

export function rebase(base: Base, mine: ProcessFields, theirs: Base | null): Rebase {
  if (!theirs) return { kind: "gone" };
  const touched = FIELDS.filter((f) => mine[f] !== base[f]);
  const theirFields = FIELDS.filter((f) => theirs[f] !== base[f]);
  // Both sides typing the same value is agreement, not a conflict.
  const fields = touched.filter((f) => theirFields.includes(f) && theirs[f] !== mine[f]);
  const merged = {
    name: touched.includes("name") ? mine.name : theirs.name,
    comment: touched.includes("comment") ? mine.comment : theirs.comment,
  };
  if (fields.length > 0) return { kind: "conflict", draft: merged, base: baseOf(theirs), fields };
  const same = FIELDS.every((f) => merged[f] === theirs[f]);
  return { kind: "merged", draft: same ? undefined : merged, base: baseOf(theirs), theirFields };
}

/** "Keep mine": my values stand, saved against their version. */
export function keepMine(draft: ProcessFields, theirs: Base): { draft: ProcessFields; base: Base } {
  return { draft, base: baseOf(theirs) };
}

/** "Take theirs": their values for the conflicting fields; my other edits stay (undefined: nothing left). */
export function takeTheirs(
  draft: ProcessFields,
  theirs: Base,
  fields: readonly FieldName[],
): { draft: ProcessFields | undefined; base: Base } {
  const next = { ...draft };
  for (const f of fields) next[f] = theirs[f];
  const same = FIELDS.every((f) => next[f] === theirs[f]);
  return { draft: same ? undefined : next, base: baseOf(theirs) };
}

/** Who changed it and when, as far as the page knows (a history row or an event). */
export type Change = { by: string | null; at: string | null };

/**
 * The entry after someone else's change to `theirs`, or undefined when the row has no draft to rebase.
 * A quiet merge says so in the row; a conflict keeps my draft and waits for the operator.
 */
export function rebasedEntry(old: RowEntry | undefined, theirs: Base | null, change: Change): RowEntry | undefined {
  if (!old?.draft || !old.base || !theirs || theirs.version <= old.base.version) return old;
  // A conflict already open keeps its own base (the version both sides started from).
  const result = rebase(old.base, old.draft, theirs);
  switch (result.kind) {
    case "gone":
      return old;
    case "conflict":
      return entryOf(result.draft, old.serverErrors, undefined, {
        base: old.base,
        conflict: { theirs: result.base, fields: result.fields, ...change },
      });
    case "merged": {
      const outcome =
        result.theirFields.length > 0
          ? { kind: "merged" as const, by: change.by, fields: result.theirFields }
          : undefined;
      if (!result.draft) return outcome && { outcome };
      return entryOf(result.draft, old.serverErrors, outcome, { base: result.base });
    }
  }
}

/** The entry once the operator picked a side of its conflict. */
export function resolvedEntry(old: RowEntry, choice: "mine" | "theirs"): RowEntry | undefined {
  const { draft, conflict } = old;
  if (!draft || !conflict) return old;
  const next =
    choice === "mine" ? keepMine(draft, conflict.theirs) : takeTheirs(draft, conflict.theirs, conflict.fields);
  if (!next.draft) return undefined;
  return entryOf(next.draft, old.serverErrors, undefined, { base: next.base });
}

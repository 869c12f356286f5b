import { describe, expect, it } from "vitest";
import type { Process } from "@/lib/validations/process";
import { EditStore } from "./edit-store";
import { fieldError, isRowBlocked, type Base } from "../model/row-entry";

const saved: Base = { name: "Degreasing", comment: "Line 1", version: 1 };
const process = (id: number): Process => ({ id, ...saved, createdAt: "", updatedAt: "" });

/** A store, and the row notifications it sends (row id per call) and page notifications (count). */
function setup() {
  const store = new EditStore();
  const rowCalls: number[] = [];
  let pageCalls = 0;
  for (const id of [1, 2, 3]) store.subscribeRow(id, () => rowCalls.push(id));
  store.subscribe(() => pageCalls++);
  return { store, rowCalls, pageCalls: () => pageCalls };
}

describe("EditStore: typing", () => {
  it("keeps a draft with the field typed and the other field as saved", () => {
    const { store } = setup();
    store.editRow(1, saved, { name: "Etching" });
    expect(store.getRow(1)).toEqual({ draft: { name: "Etching", comment: "Line 1" }, base: saved });
    expect(store.getSummary()).toEqual({ editedIds: [1], invalidCount: 0, conflictCount: 0, goneProcesses: [] });
  });

  it("forgets the row when it is typed back to its saved values", () => {
    const { store } = setup();
    store.editRow(1, saved, { name: "Etching" });
    store.editRow(1, saved, { name: saved.name });
    expect(store.getRow(1)).toBeUndefined();
    expect(store.getSummary().editedIds).toEqual([]);
  });

  it.each([
    { fields: { name: "" }, field: "name", message: "must not be empty" },
    { fields: { name: "   " }, field: "name", message: "must not be empty" },
    { fields: { name: "x".repeat(101) }, field: "name", message: "must be at most 100 characters" },
    { fields: { name: "a\tb" }, field: "name", message: "must not contain control characters" },
    {
      fields: { comment: "bell \u0007" },
      field: "comment",
      message: "must not contain control characters other than newline and tab",
    },
    { fields: { comment: "y".repeat(1_001) }, field: "comment", message: "must be at most 1000 characters" },
  ] as const)("checks $fields with the shared schema: $field $message", ({ fields, field, message }) => {
    const { store } = setup();
    store.editRow(1, saved, fields);
    const entry = store.getRow(1);
    expect(entry?.schemaErrors).toEqual({ [field]: message });
    expect(fieldError(entry, field)).toBe(message);
    expect(entry && isRowBlocked(entry)).toBe(true);
    expect(store.getSummary().invalidCount).toBe(1);
  });

  it("accepts what the schema accepts: a newline and tab in a comment, a 100-character name of emoji", () => {
    const { store } = setup();
    store.editRow(1, saved, { name: "🙂".repeat(100), comment: "a\n\tb" });
    expect(store.getRow(1)?.schemaErrors).toBeUndefined();
    expect(store.getSummary().invalidCount).toBe(0);
  });

  it("does nothing, and tells nobody, when a field is set to what it already shows (Escape on an unchanged field)", () => {
    const { store, rowCalls, pageCalls } = setup();
    store.settle([{ id: 1, kind: "failed", reason: "offline" }]);
    const before = store.getRow(1);
    rowCalls.length = 0;
    const calls = pageCalls();
    store.editRow(1, saved, { name: saved.name });
    expect(store.getRow(1)).toBe(before);
    expect(rowCalls).toEqual([]);
    expect(pageCalls()).toBe(calls);
  });

  it("notifies only the row typed in, and keeps the same summary object while only its values change", () => {
    const { store, rowCalls } = setup();
    store.editRow(2, saved, { name: "E" });
    const summary = store.getSummary();
    store.editRow(2, saved, { name: "Et" });
    store.editRow(2, saved, { name: "Etc" });
    expect(rowCalls).toEqual([2, 2, 2]);
    expect(store.getSummary()).toBe(summary);
  });

  it("replaces an entry on every change, never mutating the old one", () => {
    const { store } = setup();
    store.editRow(1, saved, { name: "E" });
    const first = store.getRow(1);
    store.editRow(1, saved, { name: "Et" });
    expect(first?.draft?.name).toBe("E");
    expect(store.getRow(1)).not.toBe(first);
  });

  it("applies several rows and fields as one step, with one page notification", () => {
    const { store, rowCalls, pageCalls } = setup();
    store.edit([
      { id: 3, saved, fields: { name: "C", comment: "c" } },
      { id: 1, saved, fields: { name: "A" } },
      { id: 1, saved, fields: { comment: "a" } },
    ]);
    expect(store.getRow(1)?.draft).toEqual({ name: "A", comment: "a" });
    expect(store.getRow(3)?.draft).toEqual({ name: "C", comment: "c" });
    expect(store.drafts().map((d) => d.id)).toEqual([1, 3]);
    expect(rowCalls.sort()).toEqual([1, 3]);
    expect(pageCalls()).toBe(1);
  });
});

describe("EditStore: the server's reasons", () => {
  function refused() {
    const s = setup();
    s.store.editRow(1, saved, { name: "Etching", comment: "Tank 2" });
    s.store.settle([
      { id: 1, kind: "refused", reason: "see the fields", serverErrors: { name: "taken", comment: "too rude" } },
    ]);
    return s;
  }

  it("shows them over the schema's and blocks the row", () => {
    const { store } = refused();
    const entry = store.getRow(1);
    expect([fieldError(entry, "name"), fieldError(entry, "comment")]).toEqual(["taken", "too rude"]);
    expect(entry?.outcome).toEqual({ kind: "failed", reason: "see the fields" });
    expect(store.getSummary().invalidCount).toBe(1);
  });

  it("drops a field's reason when that field changes, keeps the other's, and clears the outcome", () => {
    const { store } = refused();
    store.editRow(1, saved, { name: "Etching 2" });
    const entry = store.getRow(1);
    expect(entry?.serverErrors).toEqual({ comment: "too rude" });
    expect(entry?.outcome).toBeUndefined();
    store.editRow(1, saved, { comment: "Tank 3" });
    expect(store.getRow(1)?.serverErrors).toBeUndefined();
    expect(store.getSummary().invalidCount).toBe(0);
  });

  it("drops every reason when the row is typed back to its saved values", () => {
    const { store } = refused();
    store.editRow(1, saved, saved);
    expect(store.getRow(1)).toBeUndefined();
  });
});

describe("EditStore: saves settling", () => {
  it("clears a saved row's draft and marks it saved", () => {
    const { store } = setup();
    store.editRow(1, saved, { name: "Etching" });
    const [sent] = store.drafts();
    store.settle([{ id: 1, kind: "saved", draft: sent!.draft }]);
    expect(store.getRow(1)).toEqual({ outcome: { kind: "saved" } });
    expect(store.getSummary().editedIds).toEqual([]);
  });

  it("keeps an edit typed while the save was out, unsaved", () => {
    const { store } = setup();
    store.editRow(1, saved, { name: "Etching" });
    const [sent] = store.drafts();
    store.editRow(1, saved, { name: "Etching 2" });
    store.settle([{ id: 1, kind: "saved", draft: sent!.draft }]);
    expect(store.getRow(1)?.draft).toEqual({ name: "Etching 2", comment: "Line 1" });
    expect(store.getSummary().editedIds).toEqual([1]);
  });

  it("keeps the draft of a failed row, with the reason", () => {
    const { store } = setup();
    store.editRow(1, saved, { name: "Etching" });
    store.settle([{ id: 1, kind: "failed", reason: "The database is unavailable" }]);
    expect(store.getRow(1)).toMatchObject({
      draft: { name: "Etching" },
      outcome: { kind: "failed", reason: "The database is unavailable" },
    });
    expect(store.getSummary().editedIds).toEqual([1]);
  });

  it("sets a vanished process apart: not savable, listed as gone, still marked after more typing", () => {
    const { store } = setup();
    store.edit([
      { id: 1, saved, fields: { name: "A" } },
      { id: 2, saved, fields: { name: "B" } },
    ]);
    store.settle([{ id: 2, kind: "gone", process: process(2) }]);
    expect(store.getSummary()).toEqual({
      editedIds: [1],
      invalidCount: 0,
      conflictCount: 0,
      goneProcesses: [process(2)],
    });
    expect(store.drafts().map((d) => d.id)).toEqual([1]);
    store.editRow(2, saved, { name: "B2" });
    expect(store.getRow(2)?.outcome).toEqual({ kind: "gone", process: process(2) });
  });
});

describe("EditStore: discarding and restoring", () => {
  it("discards one row, then all", () => {
    const { store, rowCalls } = setup();
    store.edit([
      { id: 1, saved, fields: { name: "A" } },
      { id: 2, saved, fields: { name: "" } },
      { id: 3, saved, fields: { comment: "C" } },
    ]);
    store.discard(2);
    expect(store.getRow(2)).toBeUndefined();
    expect(store.getSummary()).toEqual({ editedIds: [1, 3], invalidCount: 0, conflictCount: 0, goneProcesses: [] });
    rowCalls.length = 0;
    store.discardAll();
    expect([store.getRow(1), store.getRow(3)]).toEqual([undefined, undefined]);
    expect(store.getSummary()).toEqual({ editedIds: [], invalidCount: 0, conflictCount: 0, goneProcesses: [] });
    expect(rowCalls.sort()).toEqual([1, 3]);
  });

  it("restores kept drafts, checked by the schema like typed ones", () => {
    const { store } = setup();
    store.restore([
      { id: 1, draft: { name: "A", comment: "" } },
      { id: 2, draft: { name: "", comment: "" } },
    ]);
    expect(store.getRow(1)?.schemaErrors).toBeUndefined();
    expect(store.getRow(2)?.schemaErrors).toEqual({ name: "must not be empty" });
    expect(store.getSummary()).toEqual({ editedIds: [1, 2], invalidCount: 1, conflictCount: 0, goneProcesses: [] });
  });

  it("stops notifying a row after it unsubscribes", () => {
    const store = new EditStore();
    const calls: number[] = [];
    const unsubscribe = store.subscribeRow(1, () => calls.push(1));
    store.editRow(1, saved, { name: "A" });
    unsubscribe();
    store.editRow(1, saved, { name: "B" });
    expect(calls).toEqual([1]);
  });
});

describe("EditStore: undo and redo", () => {
  const row = (id: number): Process => ({ id, name: `P${id}`, comment: "", version: 1, createdAt: "", updatedAt: "" });
  const name = (store: EditStore, id: number) => store.getRow(id)?.draft?.name ?? row(id).name;

  it("takes back typing in one cell as one step, then the step before it, and redoes them", () => {
    const store = new EditStore();
    store.editRow(1, row(1), { name: "E" });
    store.editRow(1, row(1), { name: "Et" });
    store.editRow(2, row(2), { name: "X" });
    expect(store.getHistory()).toEqual({ undo: 2, redo: 0 });
    expect(store.undo()).toBe(true);
    expect(name(store, 2)).toBe("P2");
    expect(name(store, 1)).toBe("Et");
    expect(store.undo()).toBe(true);
    expect(store.getRow(1)).toBeUndefined();
    expect(store.undo()).toBe(false);
    expect(store.getHistory()).toEqual({ undo: 0, redo: 2 });
    store.redo();
    store.redo();
    expect([name(store, 1), name(store, 2)]).toEqual(["Et", "X"]);
    expect(store.getSummary().editedIds).toEqual([1, 2]);
  });

  it("undoes a multi-row edit (a paste) and Discard all as single steps", () => {
    const store = new EditStore();
    store.edit([1, 2, 3].map((id) => ({ id, saved: row(id), fields: { name: `N${id}`, comment: `C${id}` } })));
    store.discardAll();
    expect(store.getSummary().editedIds).toEqual([]);
    store.undo();
    expect(store.getSummary().editedIds).toEqual([1, 2, 3]);
    store.undo();
    expect(store.getSummary().editedIds).toEqual([]);
  });

  it("a new step forgets what was undone; a save forgets the history", () => {
    const store = new EditStore();
    store.editRow(1, row(1), { name: "A" });
    store.undo();
    store.editRow(2, row(2), { name: "B" });
    expect(store.redo()).toBe(false);
    const draft = store.getRow(2)!.draft!;
    store.settle([{ id: 2, kind: "saved", draft }]);
    expect(store.getHistory()).toEqual({ undo: 0, redo: 0 });
    expect(store.undo()).toBe(false);
  });
});

describe("EditStore: other people's changes", () => {
  const theirs = (fields: Partial<Base>, version = 2): Base => ({ ...saved, ...fields, version });
  const change = { by: "b@example.com", at: null };

  it("keeps the base an edit started from, whatever is typed after", () => {
    const { store } = setup();
    store.editRow(1, saved, { name: "E" });
    store.editRow(1, theirs({}, 7), { comment: "c" });
    expect(store.drafts()).toEqual([{ id: 1, draft: { name: "E", comment: "c" }, base: saved }]);
  });

  it("opens a conflict that blocks Save all and counts apart from errors; resolving it closes it", () => {
    const { store } = setup();
    store.editRow(1, saved, { name: "Mine" });
    store.editRow(2, saved, { name: "" });
    store.rebase([{ id: 1, theirs: theirs({ name: "Theirs" }), change }]);
    expect(store.getSummary()).toMatchObject({ editedIds: [1, 2], invalidCount: 1, conflictCount: 1 });
    expect(store.invalidIds()).toEqual([1, 2]);
    expect(store.getRow(1)?.conflict).toEqual({ theirs: theirs({ name: "Theirs" }), fields: ["name"], ...change });

    store.resolve(1, "mine");
    expect(store.getSummary()).toMatchObject({ conflictCount: 0 });
    expect(store.drafts()[0]).toEqual({
      id: 1,
      draft: { name: "Mine", comment: "Line 1" },
      base: theirs({ name: "Theirs" }),
    });
  });

  it("marks an unedited row as changed by someone, only when asked, and clears the mark", () => {
    const { store } = setup();
    store.rebase([{ id: 3, theirs: theirs({ name: "X" }), change }]);
    expect(store.getRow(3)).toBeUndefined();
    store.rebase([{ id: 3, theirs: theirs({ name: "X" }), change, mark: true }]);
    expect(store.getRow(3)).toEqual({ outcome: { kind: "changed", ...change } });
    expect(store.getSummary().editedIds).toEqual([]);
    store.clearChanged([3]);
    expect(store.getRow(3)).toBeUndefined();
  });
});

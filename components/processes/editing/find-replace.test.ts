import { describe, expect, it } from "vitest";
import { processFixture } from "@/test/support/process-fixture";
import { planReplace } from "./find-replace";
import { EditStore } from "./edit-store";

const p = processFixture;
const rows = [
  { process: p(1, "Line 1 rinse", "rinse twice"), gone: false },
  { process: p(2, "Etching", "Line 1"), gone: false },
  { process: p(3, "Line 1 gone", ""), gone: true },
];

describe("planReplace", () => {
  it("replaces every occurrence in names and comments of the shown rows, case-insensitive", () => {
    const plan = planReplace(rows, () => undefined, "line 1", "Линия 2");
    expect(plan.changes).toEqual([
      { id: 1, field: "name", before: "Line 1 rinse", after: "Линия 2 rinse" },
      { id: 2, field: "comment", before: "Line 1", after: "Линия 2" },
    ]);
    expect(plan.edits.map((e) => [e.id, e.fields])).toEqual([
      [1, { name: "Линия 2 rinse" }],
      [2, { comment: "Линия 2" }],
    ]);
  });
  it.each([
    ["match case", "RINSE", "x", { matchCase: true }, []],
    ["an empty search", "", "x", {}, []],
    ["regex characters as text", "1 (", "x", {}, []],
  ])("%s changes nothing", (_, find, replace, options, changes) => {
    expect(planReplace(rows, () => undefined, find, replace, options).changes).toEqual(changes);
  });
  it("a replacement with $& is written as typed; both occurrences in one value", () => {
    expect(planReplace(rows, () => undefined, "rinse", "$&")).toMatchObject({
      changes: [
        { id: 1, field: "name", after: "Line 1 $&" },
        { id: 1, field: "comment", after: "$& twice" },
      ],
    });
  });
  it("works on the values as shown (an unsaved edit), and applies as one undo step", () => {
    const store = new EditStore();
    store.editRow(2, rows[1]!.process, { name: "Etching rinse" });
    const plan = planReplace(rows, store.getRow, "rinse", "wash");
    expect(plan.changes.map((c) => [c.id, c.field, c.after])).toEqual([
      [1, "name", "Line 1 wash"],
      [1, "comment", "wash twice"],
      [2, "name", "Etching wash"],
    ]);
    store.edit(plan.edits);
    expect(store.getRow(1)?.draft).toEqual({ name: "Line 1 wash", comment: "wash twice" });
    store.undo();
    expect(store.getRow(1)).toBeUndefined();
    expect(store.getRow(2)?.draft?.name).toBe("Etching rinse");
  });
});

import { describe, expect, it } from "vitest";
import { processFixture } from "@/test/support/process-fixture";
import { parseCsv, type CsvRecord } from "./csv-format";
import { importEdits, planImport } from "./csv-import";
import { EditStore } from "../editing/edit-store";

const p = processFixture;
const list = [p(1, "Degreasing", "Line 1"), p(2, "Etching"), p(3, "Травление", "ГОСТ")];
const records = (text: string): CsvRecord[] => {
  const read = parseCsv(text);
  if (!read.ok) throw new Error(read.problem);
  return read.records;
};

describe("planImport", () => {
  it("one change per differing row, with the fields that differ; equal rows counted as unchanged", () => {
    const plan = planImport(
      records("id;name;comment\n1;Degreasing;Line 2\n2;Etching;\n3;Травление 2;ГОСТ"),
      list,
      new EditStore(),
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.skipped).toEqual([]);
    expect(plan.changes).toEqual([
      {
        line: 2,
        id: 1,
        before: { name: "Degreasing", comment: "Line 1" },
        after: { name: "Degreasing", comment: "Line 2" },
        changed: ["comment"],
        base: { name: "Degreasing", comment: "Line 1", version: 1 },
        errors: undefined,
      },
      {
        line: 4,
        id: 3,
        before: { name: "Травление", comment: "ГОСТ" },
        after: { name: "Травление 2", comment: "ГОСТ" },
        changed: ["name"],
        base: { name: "Травление", comment: "ГОСТ", version: 1 },
        errors: undefined,
      },
    ]);
  });

  it.each([
    ["an unknown id", "id,name,comment\n99,X,", { line: 2, kind: "unknownId", id: 99 }],
    ["a non-numeric id", "id,name,comment\nabc,X,", { line: 2, kind: "invalidId", value: "abc" }],
    ["a negative id", "id,name,comment\n-1,X,", { line: 2, kind: "invalidId", value: "-1" }],
    ["an id too large", "id,name,comment\n2147483648,X,", { line: 2, kind: "invalidId", value: "2147483648" }],
    ["an empty id", "id,name,comment\n,X,", { line: 2, kind: "invalidId", value: "" }],
    [
      "a duplicate id (the first counts)",
      "id,name,comment\n2,A,\n2,B,",
      { line: 3, kind: "duplicateId", id: 2, firstLine: 2 },
    ],
  ])("%s is skipped with its line", (_, text, skip) => {
    expect(planImport(records(text), list, new EditStore()).skipped).toEqual([skip]);
  });

  it.each([
    ["an empty name", "", "x", { name: "must not be empty" }],
    ["a name too long", "n".repeat(101), "", { name: "must be at most 100 characters" }],
    ["a tab in a name", "a\tb", "", { name: "must not contain control characters" }],
    ["a comment too long", "ok", "c".repeat(1001), { comment: "must be at most 1000 characters" }],
  ])("%s: the change carries the shared schema's reason", (_, name, comment, errors) => {
    const plan = planImport([{ line: 2, id: "1", name, comment }], list, new EditStore());
    expect(plan.changes[0]?.errors).toEqual(errors);
  });

  it("compares with the row as shown: an unsaved edit equal to the file is no change", () => {
    const store = new EditStore();
    store.editRow(2, list[1]!, { name: "Etching 2" });
    expect(planImport(records("id,name,comment\n2,Etching 2,"), list, store)).toMatchObject({
      changes: [],
      unchanged: 1,
    });
  });

  it("applied, the changes are edited rows in one undo step", () => {
    const store = new EditStore();
    const plan = planImport(records("id,name,comment\n1,Degreasing,New\n3,,x"), list, store);
    store.edit(importEdits(plan));
    expect(store.getSummary().editedIds).toEqual([1, 3]);
    expect(store.getSummary().invalidCount).toBe(1);
    expect(store.getRow(1)?.draft).toEqual({ name: "Degreasing", comment: "New" });
    expect(store.undo()).toBe(true);
    expect(store.getSummary().editedIds).toEqual([]);
  });

  it("applied after the process changed elsewhere, the edit keeps the version the file was compared with", () => {
    const store = new EditStore();
    const plan = planImport(records("id,name,comment\n1,From the file,Line 1"), list, store);
    expect(plan.changes.map((c) => c.changed)).toEqual([["name"]]);
    store.edit(importEdits(plan));
    // Sent with the old version: the server answers 1007 and the page merges their comment (rebase.ts).
    expect(store.getRow(1)?.base).toEqual({
      name: list[0]!.name,
      comment: list[0]!.comment,
      version: list[0]!.version,
    });
    expect(store.getRow(1)?.draft).toEqual({ name: "From the file", comment: list[0]!.comment });
  });
});

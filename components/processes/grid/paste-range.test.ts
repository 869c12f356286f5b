import { describe, expect, it } from "vitest";
import type { Process } from "@/lib/validations/process";
import { headerNames, parseRange, planPaste } from "./paste-range";

const p = (id: number): Process => ({ id, name: `P${id}`, comment: "", version: 1, createdAt: "", updatedAt: "" });
const rows = [1, 2, 3, 4].map((id) => ({ process: p(id), gone: id === 3 }));

describe("parseRange", () => {
  it.each([
    { text: "plain", expected: null },
    {
      text: "a\tb\nc\td\n",
      expected: [
        ["a", "b"],
        ["c", "d"],
      ],
    },
    {
      text: "a\tb\r\nc\td",
      expected: [
        ["a", "b"],
        ["c", "d"],
      ],
    },
    {
      text: 'Name\t"two\nlines"\nX\t""""',
      expected: [
        ["Name", "two\nlines"],
        ["X", '"'],
      ],
    },
    { text: "one\ntwo\nthree", expected: [["one"], ["two"], ["three"]] },
  ])("$text", ({ text, expected }) => {
    expect(parseRange(text)).toEqual(expected);
  });
});

describe("planPaste", () => {
  it("fills down from the cell, across name then comment, skipping rows that no longer exist", () => {
    const plan = planPaste(rows, 1, "name", [
      ["A", "a"],
      ["B", "b"],
      ["C", "c"],
    ]);
    expect(plan.edits.map((e) => [e.id, e.fields])).toEqual([
      [2, { name: "A", comment: "a" }],
      [4, { name: "B", comment: "b" }],
    ]);
    // Only the cells that landed count: the third row lies past the end.
    expect(plan).toMatchObject({
      cells: 4,
      rowsPastEnd: 1,
      mapping: "position",
      leftOut: [{ kind: "pastEnd", rows: 1 }],
    });
  });

  it("starting in the comment column drops what lies past it", () => {
    const plan = planPaste(rows, 0, "comment", [["x", "dropped"]]);
    expect(plan.edits.map((e) => e.fields)).toEqual([{ comment: "x" }]);
    expect(plan.cells).toBe(1);
    expect(plan.leftOut).toEqual([{ kind: "pastLastColumn", cells: 1 }]);
  });

  it("a paste of 40 cells past the end counts the 10 that landed", () => {
    const many = Array.from({ length: 20 }, (_, i) => [`N${i}`, `c${i}`]);
    const plan = planPaste(rows, 0, "name", many);
    expect(plan).toMatchObject({ cells: 6, rowsPastEnd: 17 });
  });

  it("a first column of ids places each row on its id, in any order, and lists ids not shown", () => {
    const plan = planPaste(rows, 0, "comment", [
      ["4", "Four", "c4"],
      ["1", "One", "c1"],
      ["99", "Ghost", "x"],
    ]);
    expect(plan.mapping).toBe("id");
    expect(plan.edits.map((e) => [e.id, e.fields])).toEqual([
      [4, { name: "Four", comment: "c4" }],
      [1, { name: "One", comment: "c1" }],
    ]);
    expect(plan).toMatchObject({ cells: 4, rowsPastEnd: 0, leftOut: [{ kind: "unknownId", id: "99" }] });
  });

  it("numbers that are mostly not shown ids are values, pasted by position", () => {
    const plan = planPaste(rows, 0, "name", [
      ["123", "a"],
      ["456", "b"],
    ]);
    expect(plan.mapping).toBe("position");
    expect(plan.edits[0]?.fields).toEqual({ name: "123", comment: "a" });
  });

  it.each([
    ["the CSV's names", ["id", "name", "comment"]],
    ["the table's labels in Russian, another order, any case", ["Комментарий", "НАЗВАНИЕ", "ID"]],
  ])("a header row (%s) maps columns by name and rows by id; unknown columns are listed", (_, head) => {
    const names = headerNames([{ id: "ID", name: "Название", comment: "Комментарий" }]);
    const at = (c: string) => head.findIndex((h) => names.get(h.toLowerCase()) === c);
    const line = (id: string, name: string, comment: string) => {
      const cells = ["", "", "", "extra"];
      cells[at("id")] = id;
      cells[at("name")] = name;
      cells[at("comment")] = comment;
      return cells;
    };
    const plan = planPaste(rows, 0, "name", [[...head, "Last changed"], line("2", "Two", "c2")], names);
    expect(plan.mapping).toBe("header");
    expect(plan.edits.map((e) => [e.id, e.fields])).toEqual([[2, { name: "Two", comment: "c2" }]]);
    expect(plan).toMatchObject({ cells: 2, leftOut: [{ kind: "column", name: "Last changed" }] });
  });

  it("a header without an id column places rows down from the cell, columns by name", () => {
    const plan = planPaste(rows, 1, "comment", [
      ["comment", "name"],
      ["c", "n"],
    ]);
    expect(plan.edits.map((e) => [e.id, e.fields])).toEqual([[2, { comment: "c", name: "n" }]]);
    expect(plan.mapping).toBe("header");
  });
});

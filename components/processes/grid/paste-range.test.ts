import { describe, expect, it } from "vitest";
import type { Process } from "@/lib/validations/process";
import { parseRange, planPaste } from "./paste-range";

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
    expect(plan).toMatchObject({ cells: 6, rowsPastEnd: 1 });
  });

  it("starting in the comment column drops what lies past it", () => {
    const plan = planPaste(rows, 0, "comment", [["x", "dropped"]]);
    expect(plan.edits.map((e) => e.fields)).toEqual([{ comment: "x" }]);
    expect(plan.cells).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { processFixture } from "@/test/support/process-fixture";
import { blockOf, blockTsv, clearCommentEdits, fillDownEdits, isBlock } from "./cell-range";
import { EditStore } from "../editing/edit-store";
import { parseRange } from "./paste-range";

const p = processFixture;
const rows = [
  { process: p(1, "One", 'say "hi"'), gone: false },
  { process: p(2, "Two", "a\tb"), gone: false },
  { process: p(3, "Gone", ""), gone: true },
  { process: p(4, "Four", "line\nnext"), gone: false },
];
const index = new Map(rows.map((r, i) => [r.process.id, i]));
const none = () => undefined;

describe("blockOf", () => {
  it.each([
    ["down, both columns", { id: 1, field: "name" }, { id: 4, field: "comment" }, [1, 2, 4], ["name", "comment"]],
    ["up, from the comment", { id: 4, field: "comment" }, { id: 2, field: "comment" }, [2, 4], ["comment"]],
    ["right to left", { id: 2, field: "comment" }, { id: 2, field: "name" }, [2], ["name", "comment"]],
  ] as const)("%s", (_, anchor, focus, ids, fields) => {
    const block = blockOf(rows, { anchor, focus }, index);
    expect(block.rows.map((r) => r.process.id)).toEqual(ids);
    expect(block.fields).toEqual(fields);
  });
  it("one cell is not a block", () => {
    expect(isBlock(blockOf(rows, { anchor: { id: 1, field: "name" }, focus: { id: 1, field: "name" } }, index))).toBe(
      false,
    );
  });
});

describe("blockTsv", () => {
  it("quotes what needs it, as Excel does; the range parser reads it back", () => {
    const block = blockOf(rows, { anchor: { id: 1, field: "name" }, focus: { id: 4, field: "comment" } }, index);
    const tsv = blockTsv(block, none);
    expect(tsv).toBe('One\t"say ""hi"""\r\nTwo\t"a\tb"\r\nFour\t"line\nnext"');
    expect(parseRange(tsv)).toEqual([
      ["One", 'say "hi"'],
      ["Two", "a\tb"],
      ["Four", "line\nnext"],
    ]);
  });
  it("copies values as shown, unsaved edits included", () => {
    const store = new EditStore();
    store.editRow(2, rows[1]!.process, { name: "Two edited" });
    const block = blockOf(rows, { anchor: { id: 1, field: "name" }, focus: { id: 2, field: "name" } }, index);
    expect(blockTsv(block, store.getRow)).toBe("One\r\nTwo edited");
  });
});

describe("fill down and clear", () => {
  const block = blockOf(rows, { anchor: { id: 1, field: "name" }, focus: { id: 4, field: "comment" } }, index);
  it("Ctrl+D copies the top row's values down, as one step", () => {
    const store = new EditStore();
    store.edit(fillDownEdits(block, store.getRow));
    expect([2, 4].map((id) => store.getRow(id)?.draft)).toEqual([
      { name: "One", comment: 'say "hi"' },
      { name: "One", comment: 'say "hi"' },
    ]);
    expect(store.undo()).toBe(true);
    expect(store.getSummary().editedIds).toEqual([]);
  });
  it("Delete empties the comments only; a block of names alone clears nothing", () => {
    expect(clearCommentEdits(block).map((e) => [e.id, e.fields])).toEqual([
      [1, { comment: "" }],
      [2, { comment: "" }],
      [4, { comment: "" }],
    ]);
    const names = blockOf(rows, { anchor: { id: 1, field: "name" }, focus: { id: 2, field: "name" } }, index);
    expect(clearCommentEdits(names)).toEqual([]);
  });
});

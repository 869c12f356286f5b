import { describe, expect, it } from "vitest";
import { processFixture } from "@/test/support/process-fixture";
import { buildRows } from "./build-rows";
import { EditStore } from "../editing/edit-store";

const p = processFixture;

const list = [p(1, "Degreasing", "Line 1"), p(2, "Etching", "Acid bath"), p(5, "Rinsing", "Tank 2 — ГОСТ")];
const ids = (rows: ReturnType<typeof buildRows>) => rows.map((r) => [r.process.id, r.gone]);

describe("buildRows", () => {
  it("shows the list as it is, in its order, when nothing is filtered or gone", () => {
    expect(ids(buildRows(list, [], "", new EditStore()))).toEqual([
      [1, false],
      [2, false],
      [5, false],
    ]);
  });

  it("marks a listed process that is gone, and keeps a deleted one in id order until dismissed", () => {
    const rows = buildRows(list, [p(2, "Etching"), p(3, "Deleted meanwhile")], "", new EditStore());
    expect(ids(rows)).toEqual([
      [1, false],
      [2, true],
      [3, true],
      [5, false],
    ]);
    expect(rows[2]?.process.name).toBe("Deleted meanwhile");
  });

  it.each([
    { filter: "etch", expected: [2] },
    { filter: "  ETCH ", expected: [2] },
    { filter: "tank", expected: [5] },
    { filter: "гост", expected: [5] },
    { filter: "sing", expected: [1, 5] },
    { filter: "nothing like it", expected: [] },
    { filter: "   ", expected: [1, 2, 5] },
  ])("filter $filter: names and comments, case-insensitive", ({ filter, expected }) => {
    expect(buildRows(list, [], filter, new EditStore()).map((r) => r.process.id)).toEqual(expected);
  });

  it.each([
    { filter: "5", expected: [5] },
    { filter: "#2", expected: [2] },
    { filter: " 1 ", expected: [1] },
    { filter: "50", expected: [] },
  ])("filter $filter: digits match the id exactly, not as a prefix", ({ filter, expected }) => {
    expect(buildRows(list, [], filter, new EditStore()).map((r) => r.process.id)).toEqual(expected);
  });

  it("digits also find names and comments containing them", () => {
    expect(buildRows(list, [], "2", new EditStore()).map((r) => r.process.id)).toEqual([2, 5]);
  });

  it.each([
    { filter: "5", sort: undefined, expected: [5, 1] },
    { filter: "#5", sort: undefined, expected: [5] },
    { filter: "1", sort: undefined, expected: [1] },
    { filter: "5", sort: { key: "name", dir: "desc" } as const, expected: [5, 1] },
  ])("filter $filter: the exact id on top, then the rows that contain the digits", ({ filter, sort, expected }) => {
    // Process 1's comment holds "05.12": its digits match "5" too, below the exact match.
    const withDate = [p(1, "Degreasing", "since 05.12"), ...list.slice(1)];
    const order = sort ? { sort } : undefined;
    expect(buildRows(withDate, [], filter, new EditStore(), "all", order).map((r) => r.process.id)).toEqual(expected);
  });

  it("matches edited values as well as saved ones", () => {
    const store = new EditStore();
    store.editRow(1, list[0]!, { name: "Phosphating" });
    expect(buildRows(list, [], "phosph", store).map((r) => r.process.id)).toEqual([1]);
    expect(buildRows(list, [], "degreas", store).map((r) => r.process.id)).toEqual([1]);
  });

  it("filters the gone rows too", () => {
    const rows = buildRows(list, [p(3, "Deleted meanwhile")], "deleted", new EditStore());
    expect(ids(rows)).toEqual([[3, true]]);
  });
});

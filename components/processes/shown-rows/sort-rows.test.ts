import { describe, expect, it } from "vitest";
import type { ProcessListingItem } from "@/lib/validations/process-listing";
import { buildRows } from "./build-rows";
import { EditStore } from "../editing/edit-store";
import { nextSort, sortFromParams, sortRows, sortToSearch, type Sort } from "./sort-rows";

const p = (id: number, name: string, changedAt: string | null = null): ProcessListingItem => ({
  id,
  name,
  comment: "",
  version: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  lastChange: changedAt === null ? null : { changedAt, changedBy: { type: "user", id: 1, name: "a@b.c" } },
});

const list = [
  p(1, "Бокс 10", "2026-03-01T00:00:00.000Z"),
  p(2, "anodizing", "2026-05-01T00:00:00.000Z"),
  p(3, "Бокс 9", null),
  p(4, "Etching", "2026-04-01T00:00:00.000Z"),
  p(5, "Anodizing", "2026-02-01T00:00:00.000Z"),
];
const rows = list.map((process) => ({ process, gone: false }));
const ids = (r: { process: { id: number } }[]) => r.map((x) => x.process.id);

describe("sortRows", () => {
  it.each<[Sort, number[]]>([
    [{ key: "id", dir: "asc" }, [1, 2, 3, 4, 5]],
    [{ key: "id", dir: "desc" }, [5, 4, 3, 2, 1]],
    // Russian collation: Cyrillic first; case-insensitive, ties by id; numbers in names as numbers (9 < 10).
    [{ key: "name", dir: "asc" }, [3, 1, 2, 5, 4]],
    [{ key: "name", dir: "desc" }, [4, 5, 2, 1, 3]],
    // No history: the process's updatedAt (2026-01-01) stands for its last change.
    [{ key: "lastChange", dir: "asc" }, [3, 5, 1, 4, 2]],
    [{ key: "lastChange", dir: "desc" }, [2, 4, 1, 5, 3]],
  ])("%o", (sort, expected) => {
    expect(ids(sortRows(rows, sort, new EditStore(), { locale: "ru" }))).toEqual(expected);
  });

  it("by state: refused or invalid first, then edited, then gone, then untouched", () => {
    const store = new EditStore();
    store.editRow(4, list[3]!, { name: "" }); // invalid
    store.editRow(2, list[1]!, { name: "Anodizing 2" }); // edited
    const withGone = rows.map((r) => (r.process.id === 5 ? { ...r, gone: true } : r));
    expect(ids(sortRows(withGone, { key: "state", dir: "asc" }, store))).toEqual([4, 2, 5, 1, 3]);
    expect(ids(sortRows(withGone, { key: "state", dir: "desc" }, store))).toEqual([3, 1, 5, 2, 4]);
  });

  it("compares names as saved, not as being typed, so typing moves nothing", () => {
    const store = new EditStore();
    store.editRow(2, list[1]!, { name: "zzz" });
    expect(ids(sortRows(rows, { key: "name", dir: "asc" }, store, { locale: "en" }))).toEqual([2, 5, 4, 3, 1]);
  });

  it("keeps the held row at its previous index while the others take their order", () => {
    const renamed = rows.map((r) => (r.process.id === 2 ? { ...r, process: { ...r.process, name: "Zinc" } } : r));
    const sort: Sort = { key: "name", dir: "asc" };
    expect(ids(sortRows(renamed, sort, new EditStore(), { locale: "en" }))).toEqual([5, 4, 2, 3, 1]);
    const held = sortRows(renamed, sort, new EditStore(), { locale: "en", hold: 2, previous: [2, 5, 4, 3, 1] });
    expect(ids(held)).toEqual([2, 5, 4, 3, 1]);
    // A held row that was not shown before takes its sorted place.
    expect(ids(sortRows(renamed, sort, new EditStore(), { locale: "en", hold: 2, previous: [5, 4] }))).toEqual([
      5, 4, 2, 3, 1,
    ]);
  });

  it("buildRows sorts after filtering", () => {
    const built = buildRows(list, [], "anod", new EditStore(), "all", { sort: { key: "name", dir: "desc" } });
    expect(ids(built)).toEqual([5, 2]);
  });
});

describe("the sort in the address", () => {
  it.each([
    ["?sort=name&dir=desc", { key: "name", dir: "desc" }],
    ["?sort=state", { key: "state", dir: "asc" }],
    ["?sort=lastChange&dir=asc", { key: "lastChange", dir: "asc" }],
    ["?sort=comment&dir=desc", { key: "id", dir: "desc" }],
    ["", { key: "id", dir: "asc" }],
  ])("%s", (search, expected) => {
    expect(sortFromParams(new URLSearchParams(search))).toEqual(expected);
  });

  it("writes the sort, keeps other parameters, and leaves the default out", () => {
    expect(sortToSearch("?x=1", { key: "name", dir: "desc" })).toBe("?x=1&sort=name&dir=desc");
    expect(sortToSearch("?sort=name&dir=desc", { key: "id", dir: "asc" })).toBe("");
  });

  it("a header pressed twice turns the order round; another header starts ascending", () => {
    expect(nextSort({ key: "name", dir: "asc" }, "name")).toEqual({ key: "name", dir: "desc" });
    expect(nextSort({ key: "name", dir: "desc" }, "id")).toEqual({ key: "id", dir: "asc" });
  });
});

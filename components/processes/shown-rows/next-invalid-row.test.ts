import { describe, expect, it } from "vitest";
import type { Process } from "@/lib/validations/process";
import { EditStore } from "../editing/edit-store";
import { nextInvalidRow } from "./next-invalid-row";

const p = (id: number): Process => ({ id, name: `P${id}`, comment: "", version: 1, createdAt: "", updatedAt: "" });
const rows = [1, 2, 3, 4, 5].map((id) => ({ process: p(id), gone: false }));

function storeWithErrors() {
  const store = new EditStore();
  store.editRow(2, p(2), { comment: "bell \u0007" });
  store.editRow(3, p(3), { name: "Fine" });
  store.editRow(4, p(4), { name: "" });
  return store;
}

describe("nextInvalidRow", () => {
  it.each([
    { current: null, expected: { id: 2, field: "comment" } },
    { current: 1, expected: { id: 2, field: "comment" } },
    { current: 2, expected: { id: 4, field: "name" } },
    { current: 4, expected: { id: 2, field: "comment" } },
    { current: 5, expected: { id: 2, field: "comment" } },
  ])("from row $current → $expected.id ($expected.field), wrapping round", ({ current, expected }) => {
    expect(nextInvalidRow(rows, storeWithErrors(), current)).toEqual(expected);
  });

  it("finds nothing when no row has errors, or none is shown", () => {
    expect(nextInvalidRow(rows, new EditStore(), 1)).toBeUndefined();
    expect(nextInvalidRow(rows.slice(0, 1), storeWithErrors(), null)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { TableRow } from "../model/table-row";
import { RowOrderMemory } from "./row-order-memory";

const rows = (...ids: number[]): TableRow[] =>
  ids.map((id) => ({
    process: { id, name: "", comment: "", version: 1, createdAt: "", updatedAt: "" },
    gone: false,
  }));
const focusIn = (id: number) => ({ closest: () => ({ dataset: { id: String(id) } }) }) as unknown as EventTarget;

describe("RowOrderMemory", () => {
  it("holds the focused row only when the same view is rebuilt, with the ids built last", () => {
    const memory = new RowOrderMemory();
    const calls: [number | null, readonly number[]][] = [];
    const build = (result: TableRow[]) => (hold: number | null, previous: readonly number[]) => {
      calls.push([hold, previous]);
      return result;
    };
    memory.build("name:asc", build(rows(1, 2, 3)));
    memory.noteFocus(focusIn(2));
    memory.build("name:asc", build(rows(1, 2, 3)));
    memory.build("name:desc", build(rows(3, 2, 1)));
    expect(calls).toEqual([
      [null, []],
      [2, [1, 2, 3]],
      [null, [1, 2, 3]],
    ]);
  });

  it("ignores focus outside a row (a header button)", () => {
    const memory = new RowOrderMemory();
    memory.noteFocus({ closest: () => null } as unknown as EventTarget);
    let held: number | null = -1;
    memory.build("k", (hold) => ((held = hold), rows(1)));
    memory.build("k", (hold) => ((held = hold), rows(1)));
    expect(held).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { take } from "./take";

describe("take", () => {
  it.each([
    { list: [1], count: 1, expected: [1] },
    { list: [1, 2, 3], count: 2, expected: [1, 2] },
    { list: [1, 2, 3], count: 3, expected: [1, 2, 3] },
    { list: [1, 2], count: 0, expected: [] },
    { list: [], count: 0, expected: [] },
  ])("take($list, $count) returns $expected", ({ list, count, expected }) => {
    expect(take(list, count)).toEqual(expected);
  });

  it.each([
    { list: [], count: 1, message: "expected at least 1 items, got 0" },
    { list: [1], count: 2, message: "expected at least 2 items, got 1" },
    { list: [1, 2], count: 5, message: "expected at least 5 items, got 2" },
  ])("take($list, $count) throws", ({ list, count, message }) => {
    expect(() => take(list, count)).toThrow(new Error(message));
  });

  it("types the items as present", () => {
    const [first, second] = take([{ id: 1 }, { id: 2 }, { id: 3 }], 2);
    expect([first.id, second.id]).toEqual([1, 2]);
  });
});

import { describe, expect, it } from "vitest";
import { refusalsByRow } from "@/lib/query/problem-pointers";

describe("refusalsByRow", () => {
  it("maps a bulk request's pointers (array indexes) back to row ids and fields", () => {
    const { rows, unplaced } = refusalsByRow(
      [
        { pointer: "/processes/2/name", detail: "must not be empty" },
        { pointer: "/processes/0/id", detail: "process 7 does not exist" },
        { pointer: "/processes/2/comment", detail: "must be at most 1000 characters" },
      ],
      [7, 12, 40],
      true,
    );
    expect(Object.fromEntries(rows)).toEqual({
      7: { fields: {}, gone: "process 7 does not exist" },
      40: { fields: { name: "must not be empty", comment: "must be at most 1000 characters" } },
    });
    expect(unplaced).toEqual([]);
  });

  it("maps a single row's pointers to its fields", () => {
    const { rows } = refusalsByRow([{ pointer: "/name", detail: "must not contain control characters" }], [5], false);
    expect(rows.get(5)).toEqual({ fields: { name: "must not contain control characters" } });
  });

  it("keeps what it cannot place: an index outside the request, or the whole body", () => {
    const { rows, unplaced } = refusalsByRow(
      [
        { pointer: "/processes/9/name", detail: "must not be empty" },
        { pointer: "", detail: "must be a JSON object" },
      ],
      [1, 2],
      true,
    );
    expect(rows.size).toBe(0);
    expect(unplaced).toEqual(["/processes/9/name: must not be empty", "request: must be a JSON object"]);
  });
});

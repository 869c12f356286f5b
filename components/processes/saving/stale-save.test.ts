import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/query/api-error";
import type { Process } from "@/lib/validations/process";
import { staleCurrent, whoChanged } from "./stale-save";

const process: Process = { id: 4, name: "N", comment: "", version: 6, createdAt: "c", updatedAt: "u" };
const problem = (code: number, current?: unknown) =>
  new ApiError(409, { type: "about:blank", title: "t", status: 409, code, current });

describe("staleCurrent: the processes a 1007 carries", () => {
  it.each([
    { name: "one process (single save)", error: problem(1007, process), expected: [process] },
    {
      name: "a list (bulk save)",
      error: problem(1007, [process, { ...process, id: 5 }]),
      expected: [process, { ...process, id: 5 }],
    },
    { name: "no current", error: problem(1007), expected: [] },
    { name: "a current that is not a process", error: problem(1007, { id: "x" }), expected: [] },
    { name: "another code", error: problem(1001, process), expected: [] },
    { name: "not an answer at all", error: new TypeError("Failed to fetch"), expected: [] },
  ])("$name", ({ error, expected }) => {
    expect(staleCurrent(error)).toEqual(expected);
  });
});

describe("whoChanged", () => {
  it("names each person once, and someone else for an unknown actor", () => {
    const changes = [
      { by: "a@x", at: null },
      { by: null, at: null },
      { by: "a@x", at: null },
    ];
    expect(whoChanged(changes, "someone else")).toBe("a@x, someone else");
  });
});

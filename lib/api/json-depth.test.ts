import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "@/lib/api/json-depth";

/** A JSON object whose deepest value sits `depth` levels down (the object itself is level 1). */
export const nested = (depth: number) => `{"a":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;

describe("nestsDeeperThan", () => {
  it("allows 32 levels and refuses 33", () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(nestsDeeperThan(nested(32), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(33), MAX_JSON_DEPTH)).toBe(true);
    expect(JSON.parse(nested(3))).toEqual({ a: [[]] });
  });

  it.each([
    ["brackets inside strings do not count", `{"a":"${"[".repeat(100)}"}`, false],
    ["escaped quotes do not end a string", `{"a":"\\"${"{".repeat(100)}"}`, false],
    ["an escaped backslash does end it", `{"a":"\\\\",${"[".repeat(40)}`, true],
    ["siblings do not add up", `{"a":${"[[]],".repeat(100)}[]}`, false],
    ["objects and arrays both count", `${'{"a":['.repeat(17)}`, true],
    ["an unclosed deep body is refused before the parser sees it", "[".repeat(8_000_000), true],
  ])("%s", (_, text, deeper) => {
    expect(nestsDeeperThan(text, MAX_JSON_DEPTH)).toBe(deeper);
  });
});

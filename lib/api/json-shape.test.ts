import { describe, expect, it } from "vitest";
import { duplicateMemberPointer, JsonShapeCheck, MAX_JSON_DEPTH, MAX_JSON_VALUES } from "@/lib/api/json-shape";

/** A JSON object whose deepest value sits `depth` levels down (the object itself is level 1). */
const nested = (depth: number) => `{"a":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
const values = (count: number) => `{"a":[${Array<number>(count).fill(0).join(",")}]}`;

/** Feeds `text` in chunks of `size` bytes; the first complaint. */
function check(text: string, size = 7): string | null {
  const bytes = new TextEncoder().encode(text);
  const shape = new JsonShapeCheck();
  for (let at = 0; at < bytes.length; at += size) {
    const problem = shape.feed(bytes.subarray(at, at + size));
    if (problem) return problem;
  }
  return null;
}

describe("JsonShapeCheck", () => {
  it("allows 32 levels and refuses 33", () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(check(nested(32))).toBeNull();
    expect(check(nested(33))).toBe("JSON nesting deeper than 32 levels");
    expect(JSON.parse(nested(3))).toEqual({ a: [[]] });
  });

  it("allows 100,000 values and refuses more", () => {
    expect(MAX_JSON_VALUES).toBe(100_000);
    expect(check(values(MAX_JSON_VALUES), 4096)).toBeNull();
    expect(check(values(MAX_JSON_VALUES + 1), 4096)).toMatch(/^JSON with more than 100000 values/);
  });

  it.each([
    ["brackets and commas inside strings do not count", `{"a":"${"[,".repeat(200_000)}"}`, null],
    ["escaped quotes do not end a string", `{"a":"\\"${"{".repeat(100)}"}`, null],
    ["an escaped backslash does end it", `{"a":"\\\\",${"[".repeat(40)}`, "JSON nesting deeper than 32 levels"],
    ["an escape split across chunks", `{"a":"${"x".repeat(5)}\\"${"[".repeat(40)}"}`, null],
    ["multi-byte characters pass through", `{"a":"${"ä€😀".repeat(50)}[[["}`, null],
    ["siblings do not add up", `{"a":${"[[]],".repeat(100)}[]}`, null],
    ["objects and arrays both count", '{"a":['.repeat(17), "JSON nesting deeper than 32 levels"],
  ])("%s", (_, text, problem) => {
    for (const size of [1, 2, 3, 7, 4096]) expect(check(text, size), `chunks of ${size}`).toBe(problem);
  });

  it("refuses megabytes of brackets at the 33rd", () => {
    const shape = new JsonShapeCheck();
    expect(shape.feed(new TextEncoder().encode("[".repeat(33)))).toBe("JSON nesting deeper than 32 levels");
  });
});

describe("duplicateMemberPointer", () => {
  it.each([
    ['{"a":1,"a":2}', "/a"],
    ['{"processes":[{"id":1,"name":"x","name":"y"}]}', "/processes/0/name"],
    ['{"processes":[{"id":1},{"id":2,"comment":"","id":3}]}', "/processes/1/id"],
    ['{"a\\u0062":1,"ab":2}', "/ab"],
    ['{"a/b~":{"x":[1,{"y":1,"y":2}]}}', "/a~1b~0/x/1/y"],
    ['{"a":{"b":1},"a":{"b":1}}', "/a"],
  ])("%s has a duplicate at %s", (text, pointer) => {
    expect(duplicateMemberPointer(text)).toBe(pointer);
  });

  it.each([
    ['{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}'],
    ['{"a":"\\"a\\":1,","b":"a"}'],
    ['{"a":["a","a"],"b":"{\\"a\\":1,\\"a\\":2}"}'],
    ["[1,2,3]"],
    ['"x"'],
  ])("%s has none", (text) => {
    expect(duplicateMemberPointer(text)).toBeNull();
  });

  it("scans a 10,000-item bulk body whole", () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, name: `P ${i}`, comment: "x".repeat(50) }));
    const text = JSON.stringify({ processes: items });
    expect(duplicateMemberPointer(text)).toBeNull();
    expect(duplicateMemberPointer(text.replace('"id":9999,', '"id":9999,"id":1,'))).toBe("/processes/9998/id");
  });
});

import { describe, expect, it } from "vitest";
import { clampWidth, COLUMN_LIMITS, parseWidths } from "./column-widths";

describe("parseWidths", () => {
  it.each([
    ["nothing stored", null, {}],
    ["not JSON", "{name:", {}],
    ["not an object", "42", {}],
    ["null", "null", {}],
    ["widths of both columns", '{"name":240,"comment":400}', { name: 240, comment: 400 }],
    ["a width that is not a number", '{"name":"240px","comment":400}', { comment: 400 }],
    ["an unknown column", '{"state":300}', {}],
    ["below the minimum", '{"name":10}', { name: COLUMN_LIMITS.name.min }],
    ["above the maximum", '{"comment":99999}', { comment: COLUMN_LIMITS.comment.max }],
    ["a fraction", '{"name":200.6}', { name: 201 }],
  ])("%s", (_case, raw, expected) => {
    expect(parseWidths(raw)).toEqual(expected);
  });
});

describe("clampWidth", () => {
  it.each([
    ["name", 50, 120],
    ["name", 300, 300],
    ["name", 5000, 640],
    ["comment", 100, 160],
    ["comment", 2000, 960],
  ] as const)("%s at %d px is %d px", (column, width, expected) => {
    expect(clampWidth(column, width)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { processesUpdateSchema, processFieldsSchema } from "@/lib/validations/process";

describe("processFieldsSchema", () => {
  it.each([
    [
      "a plain name and comment",
      { name: "Cutting", comment: "Flying saw" },
      { name: "Cutting", comment: "Flying saw" },
    ],
    ["a name trimmed", { name: "  Cutting \t", comment: "" }, { name: "Cutting", comment: "" }],
    ["100 characters of name", { name: "n".repeat(100), comment: "" }, { name: "n".repeat(100), comment: "" }],
    ["100 emoji as 100 characters", { name: "🏭".repeat(100), comment: "" }, { name: "🏭".repeat(100), comment: "" }],
    [
      "newline and tab in a comment",
      { name: "a", comment: "line 1\n\tline 2" },
      { name: "a", comment: "line 1\n\tline 2" },
    ],
    ["1,000 characters of comment", { name: "a", comment: "c".repeat(1000) }, { name: "a", comment: "c".repeat(1000) }],
  ])("accepts %s", (_, input, output) => {
    expect(processFieldsSchema.parse(input)).toEqual(output);
  });

  it.each([
    ["an empty name", { name: "", comment: "" }, "name", "must not be empty"],
    ["a name of spaces", { name: "   ", comment: "" }, "name", "must not be empty"],
    ["101 characters of name", { name: "n".repeat(101), comment: "" }, "name", "must be at most 100 characters"],
    ["a tab inside a name", { name: "a\tb", comment: "" }, "name", "must not contain control characters"],
    ["DEL in a name", { name: "a\u007fb", comment: "" }, "name", "must not contain control characters"],
    ["a C1 control in a name", { name: "a\u0085b", comment: "" }, "name", "must not contain control characters"],
    [
      "1,001 characters of comment",
      { name: "a", comment: "c".repeat(1001) },
      "comment",
      "must be at most 1000 characters",
    ],
    [
      "a NUL in a comment",
      { name: "a", comment: "a\u0000" },
      "comment",
      "must not contain control characters other than newline and tab",
    ],
    [
      "a carriage return in a comment",
      { name: "a", comment: "a\r\nb" },
      "comment",
      "must not contain control characters other than newline and tab",
    ],
    ["a number for a name", { name: 1, comment: "" }, "name", "must be a string"],
    ["a missing comment", { name: "a" }, "comment", "must be a string"],
  ])("refuses %s", (_, input, field, message) => {
    const result = processFieldsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("/"), i.message])).toContainEqual([field, message]);
  });

  it("refuses unknown members", () => {
    const result = processFieldsSchema.safeParse({ name: "a", comment: "", id: 3, extra: true });
    expect(result.error!.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["id", "extra"] });
  });
});

describe("processesUpdateSchema", () => {
  const item = (id: number) => ({ id, name: `P${id}`, comment: "" });

  it("names every duplicate id after the first by its place", () => {
    const result = processesUpdateSchema.safeParse({ processes: [item(1), item(2), item(1), item(1)] });
    expect(result.error!.issues.map((i) => [i.path.join("/"), i.message])).toEqual([
      ["processes/2/id", "duplicate id 1 (also at /processes/0/id)"],
      ["processes/3/id", "duplicate id 1 (also at /processes/0/id)"],
    ]);
  });

  it.each([
    ["no items", [], "must hold at least one process"],
    ["10,001 items", Array.from({ length: 10_001 }, (_, i) => item(i + 1)), "must hold at most 10000 processes"],
  ])("refuses %s", (_, processes, message) => {
    expect(processesUpdateSchema.safeParse({ processes }).error!.issues[0]!.message).toBe(message);
  });

  it("accepts 10,000 distinct items", () => {
    const processes = Array.from({ length: 10_000 }, (_, i) => item(i + 1));
    expect(processesUpdateSchema.parse({ processes }).processes).toHaveLength(10_000);
  });
});

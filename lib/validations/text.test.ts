import { describe, expect, it } from "vitest";
import { processesUpdateSchema, processFieldsSchema } from "@/lib/validations/process";
import { NOT_WELL_FORMED } from "@/lib/validations/text";
import { tokenCreateSchema } from "@/lib/validations/token";
import { emailSchema, signInSchema } from "@/lib/validations/user";

const messagesAt = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }, path: string) =>
  (result.error?.issues ?? []).filter((i) => i.path.join("/") === path).map((i) => i.message);

describe("text fields accept only well-formed Unicode", () => {
  it.each([
    ["a lone high surrogate in a name", { name: "lone \ud83c", comment: "" }, "name"],
    ["a lone low surrogate in a name", { name: "\udc00", comment: "" }, "name"],
    ["a lone surrogate in a comment", { name: "a", comment: "x \ud83c y" }, "comment"],
    ["reversed halves in a comment", { name: "a", comment: "\udf6d\ud83c" }, "comment"],
  ])("%s is refused at its field", (_, input, field) => {
    expect(messagesAt(processFieldsSchema.safeParse(input), field)).toEqual([NOT_WELL_FORMED]);
  });

  it("a surrogate pair (an emoji) is one character, and accepted", () => {
    expect(processFieldsSchema.parse({ name: "\ud83c\udf6d", comment: "🍭" })).toEqual({ name: "🍭", comment: "🍭" });
  });

  it("in a bulk update, the pointer names the item", () => {
    const result = processesUpdateSchema.safeParse({
      processes: [
        { id: 1, name: "fine", comment: "" },
        { id: 2, name: "fine", comment: "\ud800" },
      ],
    });
    expect(messagesAt(result, "processes/1/comment")).toEqual([NOT_WELL_FORMED]);
  });

  it.each([
    ["a lone surrogate", "token \ud83c", NOT_WELL_FORMED],
    ["a NUL", "token\u0000", "must not contain control characters"],
    ["an ESC", "token\u001b[31m", "must not contain control characters"],
    ["a tab", "a\tb", "must not contain control characters"],
    ["spaces only", "   ", "must not be empty"],
    ["101 characters", "t".repeat(101), "must be at most 100 characters"],
  ])("a token name with %s is refused as a process name would be", (_, name, message) => {
    expect(messagesAt(tokenCreateSchema.safeParse({ name, role: "User" }), "name")).toEqual([message]);
  });

  it("a token name of 100 emoji is accepted, trimmed", () => {
    expect(tokenCreateSchema.parse({ name: ` ${"🏭".repeat(100)} `, role: "User" }).name).toBe("🏭".repeat(100));
  });

  it("emails and sign-in fields with a lone surrogate are refused", () => {
    expect(messagesAt(emailSchema.safeParse("op\ud83c@plant.example"), "")).toContain(NOT_WELL_FORMED);
    const signIn = signInSchema.safeParse({ email: "op\ud83c@plant.example", password: "pass\udc00word" });
    expect(messagesAt(signIn, "email")).toEqual([NOT_WELL_FORMED]);
    expect(messagesAt(signIn, "password")).toEqual([NOT_WELL_FORMED]);
  });
});

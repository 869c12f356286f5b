import { describe, expect, it } from "vitest";
import { issue, type IssueKey } from "@/lib/validations/issues";
import { newPasswordSchema, newPasswordSchemaFor } from "@/lib/validations/password";

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.message);

describe("newPasswordSchema", () => {
  it.each<[string, string, IssueKey]>([
    ["short", "Tr0ub4dor&3", "tooShort"],
    ["a common password", "password1234", "weakCommon"],
    ["a keyboard row", "zxcvbnm,./asdf", "weakKeyboard"],
    ["a repeated character", "aaaaaaaaaaaaaaa", "weakRepeat"],
    ["a sequence", "abcdefghijklmnop", "weakSequence"],
    ["a repeated block", "abcabcabcabc", "weakRepeat"],
    ["weak without a named reason", "summer202412", "weak"],
  ])("refuses %s (%s) saying why", (_, password, key) => {
    const result = newPasswordSchema.safeParse(password);
    expect(result.success).toBe(false);
    const expected = key === "tooShort" ? issue("tooShort", { min: 12 }) : issue(key);
    expect(messagesOf(result)).toEqual([expected]);
  });

  it.each([["plum-kettle-orbit-42"], ["Vy7#qLm!2pRz"], ["correct horse battery staple 9"]])(
    "accepts a strong one: %s",
    (password) => {
      expect(newPasswordSchema.safeParse(password)).toEqual({ success: true, data: password });
    },
  );

  it("refuses an overlong one for its length alone", () => {
    expect(messagesOf(newPasswordSchema.safeParse("x".repeat(201)))).toEqual([issue("tooLong", { max: 200 })]);
  });
});

describe("newPasswordSchemaFor a person", () => {
  const person = { email: "anna.petrova@plant.example", name: "Anna Petrova" };

  it.each([
    ["the whole local part", "anna.petrova-Blue-Fox-9"],
    ["a part of it, in other case", "Green-PETROVA-lamp-77"],
    ["their name", "zebra-quilt-Anna-4411"],
  ])("refuses a password containing %s", (_, password) => {
    expect(messagesOf(newPasswordSchemaFor(person).safeParse(password))).toEqual([issue("containsEmail")]);
  });

  it("accepts a strong password without any of it, which the plain schema accepts too", () => {
    const password = "plum-kettle-orbit-42";
    expect(newPasswordSchemaFor(person).safeParse(password).success).toBe(true);
    // A word of two letters never counts (the local part "li" would refuse half of all passwords).
    expect(newPasswordSchemaFor({ email: "li@plant.example" }).safeParse("slim-kettle-orbit-42").success).toBe(true);
  });
});

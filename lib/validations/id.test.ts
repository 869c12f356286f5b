import { describe, expect, it } from "vitest";
import { ID_PARAM_MESSAGE, idParamSchema } from "@/lib/validations/id";

describe("idParamSchema (path segments and CLI arguments)", () => {
  it.each([
    ["1", 1],
    ["42", 42],
    ["2147483647", 2147483647],
  ])("reads %s as %d", (input, id) => {
    expect(idParamSchema.parse(input)).toBe(id);
  });

  it.each(["0", "+1", "1 ", "0x10", "١٢", "-1", "01", "1.0", "1e3", " 1", "abc", "", "2147483648", "99999999999"])(
    "refuses %j",
    (input) => {
      expect(idParamSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe("the message for a bad id", () => {
  it.each(["0", "abc", "99999999999", "2147483648", "-5"])("is the same for %j", (input) => {
    expect(idParamSchema.safeParse(input).error?.issues.map((i) => i.message)).toEqual([ID_PARAM_MESSAGE]);
  });
});

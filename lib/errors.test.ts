import { describe, expect, it } from "vitest";
import { ERROR_CODES, isErrorCode } from "@/lib/errors";

describe("isErrorCode", () => {
  it("knows every code of the table", () => {
    for (const code of Object.keys(ERROR_CODES)) expect(isErrorCode(Number(code))).toBe(true);
  });

  it.each([undefined, null, 0, 404, 1002, "1001", 1001.5, Number.NaN])("refuses %s", (value) => {
    expect(isErrorCode(value)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

const HOME = "/settings/processes";

describe("safeCallbackUrl", () => {
  it.each([
    { value: "/settings/x?y#z", expected: "/settings/x?y#z" },
    { value: "/settings/api-tokens", expected: "/settings/api-tokens" },
    { value: undefined, expected: HOME },
    { value: "", expected: HOME },
    { value: "//evil.example", expected: HOME },
    { value: "//evil.example/settings", expected: HOME },
    { value: "https://evil.example", expected: HOME },
    { value: "https://evil.example/settings/processes", expected: HOME },
    { value: "/\\evil.example", expected: HOME },
    { value: "javascript:alert(1)", expected: HOME },
    { value: "settings/processes", expected: HOME },
  ])("$value → $expected", ({ value, expected }) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });

  it.each([
    { value: ["/settings/api-tokens", "/settings/processes"], expected: "/settings/api-tokens" },
    { value: ["https://evil.example", "/settings/api-tokens"], expected: HOME },
    { value: [], expected: HOME },
  ])("a repeated parameter counts by its first value: $value", ({ value, expected }) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });
});

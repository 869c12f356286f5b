import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/query/api-error";
import { shouldRetry } from "@/lib/query/query-client";

const problem = (code: number) => new ApiError(429, { type: "about:blank", title: "", status: 429, code });

describe("shouldRetry", () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    {
      name: "no answer while offline, first failure",
      onLine: false,
      error: new TypeError("Failed to fetch"),
      count: 1,
      expected: true,
    },
    {
      name: "no answer while offline, third failure",
      onLine: false,
      error: new TypeError("Failed to fetch"),
      count: 3,
      expected: false,
    },
    {
      name: "no answer while online (it may have been written)",
      onLine: true,
      error: new TypeError("Failed to fetch"),
      count: 1,
      expected: false,
    },
    { name: "a 429 while offline", onLine: false, error: problem(6001), count: 1, expected: true },
    { name: "a refusal while offline", onLine: false, error: problem(1001), count: 1, expected: false },
  ])("$name → $expected", ({ onLine, error, count, expected }) => {
    vi.stubGlobal("navigator", { onLine });
    expect(shouldRetry(count, error)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { ifNoneMatchHits, parseIfMatch, versionEtag } from "@/lib/api/preconditions";

const request = (headers: Record<string, string>) => new Request("http://x/", { headers });

describe("If-Match and If-None-Match", () => {
  it.each([
    [undefined, null],
    ['"3"', [3]],
    [' "3" , "7"', [3, 7]],
    ["*", "*"],
    ['W/"3"', [0]],
  ])("If-Match %s → %j", (value, expected) => {
    expect(parseIfMatch(request(value === undefined ? {} : { "If-Match": value }))).toEqual(expected);
  });

  it.each([['"abc"'], ["3"], ['"3",'], ['"-1"'], ['"99999999999"'], ['"2147483648"'], ["**"]])(
    "a malformed If-Match %s is 1001",
    (value) => {
      expect(() => parseIfMatch(request({ "If-Match": value }))).toThrow(expect.objectContaining({ code: 1001 }));
    },
  );

  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ["*", true],
    ['"abd"', false],
  ])('If-None-Match %s hits "abc": %s', (value, hits) => {
    expect(ifNoneMatchHits(request({ "If-None-Match": value }), '"abc"')).toBe(hits);
  });

  it("a version's ETag is the number in quotes", () => {
    expect(versionEtag(12)).toBe('"12"');
  });
});

import { describe, expect, it } from "vitest";
import { contentEtag, ifNoneMatchHits, parseEntityTags, versionEtag } from "@/lib/api/etag";
import { parseIfMatch } from "@/lib/api/preconditions";

const request = (headers: Record<string, string>) => new Request("http://x/", { headers });

describe("If-Match and If-None-Match (RFC 9110)", () => {
  it.each([
    [undefined, null],
    ['"3"', [3]],
    [' "3" , "7"', [3, 7]],
    ["*", "*"],
    ['W/"3"', [0]],
    // Well-formed tags that are no version of a process never match: kept as 0, the write answers 412.
    ['"abc"', [0]],
    ['W/""', [0]],
    ['"3", "x-y.z"', [3, 0]],
    ['"-1"', [0]],
    ['"007"', [0]],
    ['"99999999999"', [0]],
    ['"2147483648"', [0]],
    ['"3",', [3]],
    [', "3",,', [3]],
    ['"a,b", "4"', [0, 4]],
  ])("If-Match %s → %j", (value, expected) => {
    expect(parseIfMatch(request(value === undefined ? {} : { "If-Match": value }))).toEqual(expected);
  });

  it.each([["3"], ['"1", garbage'], ["**"], ['"3" "4"'], ['*, "3"'], [""], [","], ['"unterminated'], ['W/ "3"']])(
    "a malformed If-Match %j is 1001",
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
    ["abc", false],
  ])('If-None-Match %s hits "abc": %s', (value, hits) => {
    expect(ifNoneMatchHits(request({ "If-None-Match": value }).headers, '"abc"')).toBe(hits);
  });

  it("parses entity tags with commas inside and obs-text", () => {
    expect(parseEntityTags('"a,b", W/"\u00e9"')).toEqual([
      { weak: false, opaque: "a,b" },
      { weak: true, opaque: "\u00e9" },
    ]);
  });

  it("a version's ETag is the number in quotes; a text's is a hash of it, equal for equal text", () => {
    expect(versionEtag(12)).toBe('"12"');
    expect(contentEtag("x")).toBe(contentEtag("x"));
    expect(contentEtag("x")).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(contentEtag("x")).not.toBe(contentEtag("y"));
  });
});

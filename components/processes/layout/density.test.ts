import { describe, expect, it } from "vitest";
import { DEFAULT_DENSITY, parseDensity } from "./density";

describe("parseDensity", () => {
  it.each([
    ["comfortable", "comfortable"],
    ["standard", "standard"],
    ["compact", "compact"],
    [null, "standard"],
    ["", "standard"],
    ["Compact", "standard"],
    ["dense", "standard"],
  ])("%j → %s", (raw, expected) => {
    expect(parseDensity(raw)).toBe(expected);
  });

  it("defaults to standard, the one that shows 15 rows at 1280 × 800", () => {
    expect(DEFAULT_DENSITY).toBe("standard");
  });
});

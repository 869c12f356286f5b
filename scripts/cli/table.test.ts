import { describe, expect, it } from "vitest";
import { formatTable } from "./table";

describe("formatTable", () => {
  it("aligns columns under a header, with no index column, and a dash for null", () => {
    const text = formatTable([
      { id: 1, name: "MES", revokedAt: null },
      { id: 12, name: "SCADA gateway", revokedAt: "2026-11-29" },
    ]);
    expect(text.split("\n")).toEqual([
      "id  name           revokedAt",
      "--  -------------  ----------",
      "1   MES            –",
      "12  SCADA gateway  2026-11-29",
    ]);
  });

  it("prints nothing for no rows", () => {
    expect(formatTable([])).toBe("");
  });
});

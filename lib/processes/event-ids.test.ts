import { describe, expect, it } from "vitest";
import { formatEventId, MAX_CHANGE_ID, parseLastEventId } from "@/lib/processes/event-ids";

const code = (header: string) => {
  try {
    parseLastEventId(header);
    return null;
  } catch (error) {
    return (error as { code: number }).code;
  }
};

describe("Last-Event-ID", () => {
  it("reads an epoch-tagged id, a plain id and no id", () => {
    expect(parseLastEventId("a1b2c3d4e5f6:42")).toEqual({ epoch: "a1b2c3d4e5f6", id: 42 });
    expect(parseLastEventId(" 42 ")).toEqual({ epoch: null, id: 42 });
    expect(parseLastEventId(null)).toBeNull();
    expect(parseLastEventId("  ")).toBeNull();
    expect(parseLastEventId(formatEventId("abc", MAX_CHANGE_ID))).toEqual({ epoch: "abc", id: MAX_CHANGE_ID });
  });

  it("refuses with 1001 an id outside the column's range, before any database is asked", () => {
    expect(code(String(MAX_CHANGE_ID + 1))).toBe(1001);
    expect(code("abc:99999999999")).toBe(1001);
    expect(code("1".repeat(21))).toBe(1001);
  });

  it("refuses with 1001 what is not an event id", () => {
    for (const header of ["abc", "-1", "1.5", "a:b:1", ":1", "é:1", `${"a".repeat(33)}:1`, "1e3"]) {
      expect(code(header), header).toBe(1001);
    }
  });
});

import { describe, expect, it } from "vitest";
import { jsonResponse, rememberJson } from "@/lib/api/respond";

describe("jsonResponse with a value whose JSON text is known", () => {
  const list = Object.freeze([Object.freeze({ id: 1, name: "Cutting", comment: "é \u2028 \"q\"" })]);
  rememberJson(list, JSON.stringify(list));

  it("answers the same text as JSON.stringify would", async () => {
    const body = { processes: list, total: 1, skipped: undefined, note: "x" };
    expect(await jsonResponse(body).text()).toBe(JSON.stringify(body));
    expect(await jsonResponse(list).text()).toBe(JSON.stringify(list));
  });

  it("uses the known text rather than serializing again", async () => {
    const shown = Object.freeze([1, 2]);
    rememberJson(shown, "[3]");
    expect(await jsonResponse({ shown }).text()).toBe('{"shown":[3]}');
  });

  it("refuses a value that is not frozen: its text could stop matching it", () => {
    expect(() => rememberJson([1], "[1]")).toThrow(/frozen/);
  });
});

describe("a body of one known member", () => {
  it("is the same string for every answer (built once), equal to JSON.stringify's", async () => {
    const list = Object.freeze([Object.freeze({ id: 2, name: "Packaging" })]);
    rememberJson(list, JSON.stringify(list));
    const first = await jsonResponse({ processes: list }).text();
    expect(first).toBe(JSON.stringify({ processes: list }));
    expect(await jsonResponse({ processes: list }).text()).toBe(first);
  });
});

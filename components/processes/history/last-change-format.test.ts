import { describe, expect, it } from "vitest";
import { absoluteTime, relativeTime, whoKey } from "./last-change-format";

const NOW = Date.parse("2026-11-29T12:00:00.000Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe("relativeTime", () => {
  it.each([
    [ago(10), "en", "now"],
    [ago(5 * 60), "en", "5 minutes ago"],
    [ago(3 * 3600), "en", "3 hours ago"],
    [ago(86400), "en", "yesterday"],
    [ago(3 * 86400), "en", "3 days ago"],
    [ago(400 * 86400), "en", "last year"],
    [ago(5 * 60), "ru", "5 минут назад"],
    [ago(86400), "ru", "вчера"],
    [ago(2 * 3600), "ru", "2 часа назад"],
    // A row kept for a process deleted meanwhile has no time: nothing shown, nothing thrown.
    ["", "en", ""],
    ["not a date", "ru", ""],
  ])("%s in %s is %s", (changedAt, locale, expected) => {
    expect(relativeTime(changedAt, NOW, locale)).toBe(expected);
  });
});

describe("absoluteTime", () => {
  it.each([
    ["2026-11-29T12:00:00.000Z", "en", /Nov 29, 2026/],
    ["2026-11-29T12:00:00.000Z", "ru", /29 нояб\. 2026/],
    ["", "en", /^$/],
  ])("%s in %s", (changedAt, locale, expected) => {
    expect(absoluteTime(changedAt, locale)).toMatch(expected);
  });
});

describe("whoKey", () => {
  it.each([
    [{ type: "user", id: 1, name: "op@plant.example" }, { name: "op@plant.example" }],
    [{ type: "token", id: 2, name: "MES" }, { name: "MES" }],
    [{ type: "system", id: null, name: "system" }, { key: "bySystem" }],
    [{ type: "unknown", id: null, name: null }, { key: "byUnknown" }],
  ] as const)("%o", (by, expected) => {
    expect(whoKey(by)).toEqual(expected);
  });
});

describe("a process with no time (known only from a save's draft)", () => {
  it("says nothing rather than throwing", () => {
    expect(relativeTime("", Date.now(), "en")).toBe("");
    expect(absoluteTime("", "ru")).toBe("");
  });
});

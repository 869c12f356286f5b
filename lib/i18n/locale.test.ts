import { describe, expect, it } from "vitest";
import { resolveLocale } from "./locale";

describe("resolveLocale", () => {
  it.each([
    { cookie: undefined, header: "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", expected: "ru" },
    { cookie: undefined, header: "en-US,en;q=0.9,ru;q=0.8", expected: "en" },
    { cookie: undefined, header: "de-DE,de;q=0.9,ru;q=0.5,en;q=0.4", expected: "ru" },
    { cookie: undefined, header: "en;q=0.3, ru;q=0.7", expected: "ru" },
    { cookie: undefined, header: "ru;q=0, en", expected: "en" },
    { cookie: undefined, header: "de, fr", expected: "en" },
    { cookie: undefined, header: "", expected: "en" },
    { cookie: undefined, header: null, expected: "en" },
    { cookie: "ru", header: "en-US", expected: "ru" },
    { cookie: "en", header: "ru-RU", expected: "en" },
    { cookie: "de", header: "ru-RU", expected: "ru" },
    { cookie: "", header: "ru", expected: "ru" },
  ])("cookie $cookie, Accept-Language $header → $expected", ({ cookie, header, expected }) => {
    expect(resolveLocale(cookie, header)).toBe(expected);
  });
});

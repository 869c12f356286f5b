import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { ISSUES } from "@/lib/validations/issues";
import { LOCALES } from "./locale";

const catalogs = { en, ru } as Record<(typeof LOCALES)[number], Record<string, unknown>>;

/** Every message's dotted key. */
function keys(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [prefix + k] : keys(v as Record<string, unknown>, `${prefix}${k}.`),
  );
}

describe("message catalogs", () => {
  it.each(LOCALES.flatMap((a) => LOCALES.filter((b) => b !== a).map((b) => ({ a, b }))))(
    "every key of $a is in $b",
    ({ a, b }) => {
      const missing = keys(catalogs[a]).filter((k) => !keys(catalogs[b]).includes(k));
      expect(missing).toEqual([]);
    },
  );

  it.each(LOCALES)("every message of %s formats (valid ICU, plurals with numbers)", (locale) => {
    const t = createTranslator({ locale, messages: catalogs[locale] });
    const values = {
      count: 21,
      shown: 3,
      cells: 4,
      rows: 2,
      id: 7,
      max: 100,
      min: 1,
      seconds: 5,
      changes: 2,
      unchanged: 1,
      skipped: 1,
      firstLine: 2,
      label: "L",
      message: "m",
      column: "c",
      width: 240,
      // presence (issue 22): the people editing a row, the fields someone else changed
      names: "a@x, b@y",
      fields: "the name",
    };
    const tags = { strong: (c: unknown) => c, kbd: (c: unknown) => c };
    const dummy = {
      name: "n",
      role: "r",
      date: "d",
      detail: "x",
      reason: "y",
      file: "f.csv",
      value: "v",
      who: "w",
      email: "e@x",
      when: "t",
      version: 3,
      source: "ldap",
      device: "Firefox",
      started: "s",
      // Issue 22 part A (CSV encodings).
      delimiter: ";",
      chars: "✓",
      ids: "5, 9",
      encoding: "UTF-8",
      limit: "10",
      url: "https://mes.plant.example/hook",
      ms: 12,
      pending: 1,
      delivered: 2,
      failed: 0,
      ...values,
    };
    for (const key of keys(catalogs[locale])) {
      const text = t.markup(key as never, { ...dummy, ...tags } as never);
      expect(text, key).not.toMatch(/^[a-z]+\.[\w.]+$/);
      expect(text.length, key).toBeGreaterThan(0);
    }
  });

  it("English validation messages are the schemas' own words (the API's details)", () => {
    for (const [key, text] of Object.entries(ISSUES))
      expect(en.validation[key as keyof typeof en.validation]).toBe(text);
  });
});

import { describe, expect, it } from "vitest";
import en from "@/messages/en.json" with { type: "json" };
import ru from "@/messages/ru.json" with { type: "json" };

// messages/GLOSSARY.md: one word per idea. Each rule names the words it forbids and, where one idea may use
// them, the keys allowed to (a key whose name contains "undo" is the Undo action).

type Rule = { name: string; forbidden: RegExp; allowKey?: RegExp };

// JavaScript's \b knows no Cyrillic: a word starts after anything that is not a letter.
const RU_WORD = "(?<![\\p{L}])";

const RULES: Record<"ru" | "en", Rule[]> = {
  ru: [
    { name: "«Изменено» alone: last changed or edited?", forbidden: /^\s*Изменено\s*$/u },
    {
      name: "«Отменить» and its forms mean Undo only",
      forbidden: new RegExp(`${RU_WORD}[Оо]тмен(?:ить|ите|ено|ена|ены|ён|ял|яет|яются)`, "u"),
      allowKey: /undo/i,
    },
    { name: "edits kept in the browser are not «сохранены»", forbidden: /правк\p{L}*\s+(?:\p{L}+\s+)?сохранен/u },
  ],
  en: [
    { name: '"Undo" is the Undo action only', forbidden: /\bUndo\b/, allowKey: /undo/i },
    { name: "edits kept in the browser are not saved", forbidden: /\bedits (?:are |were )?saved\b/i },
  ],
};

function* entries(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (value && typeof value === "object")
    for (const [key, inner] of Object.entries(value)) yield* entries(inner, path ? `${path}.${key}` : key);
}

describe("the catalogs follow the glossary", () => {
  for (const [locale, catalog] of [
    ["ru", ru],
    ["en", en],
  ] as const) {
    it.each(RULES[locale])(`${locale}: $name`, ({ forbidden, allowKey }) => {
      const offending = [...entries(catalog, "")]
        .filter(([key, text]) => forbidden.test(text) && !allowKey?.test(key))
        .map(([key, text]) => `${key}: ${text}`);
      expect(offending).toEqual([]);
    });
  }

  it.each([
    ["Изменено", "ru", 0],
    ["Отменить всё", "ru", 1],
    ["несохранённые правки сохранены", "ru", 2],
    ["Undo", "en", 0],
    ["your unsaved edits are saved", "en", 1],
  ] as const)("catches %j", (text, locale, rule) => {
    expect(RULES[locale][rule]!.forbidden.test(text)).toBe(true);
  });
});

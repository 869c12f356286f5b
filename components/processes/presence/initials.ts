// Two letters that stand for a person on a small badge: the first letters of the first and last words of the
// name ("Anna Petrova" → "AP"), or of an email's local part split at dots, dashes and underscores
// ("ivan.sidorov@…" → "IS"); one word gives its first two letters.

export function initialsOf(name: string): string {
  const local = name.includes("@") && !name.trim().includes(" ") ? name.slice(0, name.indexOf("@")) : name;
  const words = local.split(/[\s._-]+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
  const letters = (word: string) => [...word].filter((c) => /\p{L}|\p{N}/u.test(c));
  if (words.length === 0) return "?";
  if (words.length === 1) return letters(words[0]!).slice(0, 2).join("").toLocaleUpperCase();
  return (letters(words[0]!)[0]! + letters(words.at(-1)!)[0]!).toLocaleUpperCase();
}

// Building LDAP search filters from what a person typed (RFC 4515). Every value put into a filter is escaped:
// `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`, so a login such as `*)(uid=*` matches
// nothing but an entry whose login is literally that text.

const SPECIAL = /[*()\\\u0000]/g;

/** The value as an RFC 4515 assertion value: special characters as `\hh`. */
export function escapeFilterValue(value: string): string {
  return value.replace(SPECIAL, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Bytes as an assertion value, every byte `\hh` (binary attributes such as AD's objectGUID). */
export function escapeFilterBytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => `\\${b.toString(16).padStart(2, "0")}`).join("");
}

/**
 * The filter template with each `{name}` replaced by its escaped value; a placeholder with no value stays
 * as it is (the settings check refuses templates naming unknown placeholders).
 */
export function fillFilter(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? escapeFilterValue(values[name]!) : whole,
  );
}

/** True when the parentheses of a filter balance (escaped ones do not count) and it is one parenthesized item. */
export function isBalancedFilter(filter: string): boolean {
  let depth = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (c === "\\") i += 2;
    else if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return false;
    if (depth === 0 && i < filter.length - 1) return false;
  }
  return depth === 0 && filter.startsWith("(");
}

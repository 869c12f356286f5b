import type { ChangedBy } from "@/lib/validations/process-history";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Infinity],
];

/** A row kept for a process deleted meanwhile has no time (""): nothing to format, and Intl would throw. */
export const isTime = (value: string) => !Number.isNaN(Date.parse(value));

/** "5 minutes ago" / "5 минут назад" (Intl.RelativeTimeFormat): the largest unit that gives a whole number. */
export function relativeTime(changedAt: string, now: number, locale: string): string {
  if (!isTime(changedAt)) return "";
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  let value = (Date.parse(changedAt) - now) / 1000;
  // Under a minute reads "now": the clock ticks by minutes, and seconds would only flicker.
  if (Math.abs(value) < 60) return format.format(0, "second");
  for (const [unit, size] of UNITS) {
    if (Math.abs(value) < size || unit === "year") return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), "year");
}

/** The date and time in full, for the cell's tooltip and screen readers. */
export function absoluteTime(changedAt: string, locale: string): string {
  if (!isTime(changedAt)) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(changedAt));
}

/** Who, as the cell says it: the e-mail or token name; the catalog's word for our scripts and outside writers. */
export function whoKey(by: ChangedBy): { name: string } | { key: "bySystem" | "byUnknown" } {
  if ((by.type === "user" || by.type === "token") && by.name) return { name: by.name };
  return { key: by.type === "system" ? "bySystem" : "byUnknown" };
}

import type { Process, ProcessFields } from "@/lib/validations/process";

/**
 * The filter's test for one process. Digits alone match the id exactly ("107" finds 107, not 1070 or
 * 115), and also names and comments that contain them; anything else matches names and comments as text,
 * case-insensitively, saved or as edited.
 */
/** The id a filter of digits alone (or "#" and digits) names, else undefined. */
export function filterId(filter: string): number | undefined {
  const needle = filter.trim();
  return /^#?\d{1,10}$/.test(needle) ? Number(needle.replace("#", "")) : undefined;
}

/** The row whose id the filter names first (an exact match above the rows that merely contain the digits). */
export function exactIdFirst<T extends { process: { id: number } }>(rows: T[], filter: string): T[] {
  const id = filterId(filter);
  const at = id === undefined ? -1 : rows.findIndex((r) => r.process.id === id);
  return at <= 0 ? rows : [rows[at]!, ...rows.slice(0, at), ...rows.slice(at + 1)];
}

export function processMatcher(filter: string): ((process: Process, draft?: ProcessFields) => boolean) | null {
  const needle = filter.trim().toLocaleLowerCase();
  if (!needle) return null;
  const id = filterId(needle);
  const text = (s: string) => s.toLocaleLowerCase().includes(needle);
  return (process, draft) =>
    process.id === id ||
    text(process.name) ||
    text(process.comment) ||
    (draft !== undefined && (text(draft.name) || text(draft.comment)));
}

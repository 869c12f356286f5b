import type { Process, ProcessFields } from "@/lib/validations/process";

/**
 * The filter's test for one process. Digits alone match the id exactly ("107" finds 107, not 1070 or
 * 115), and also names and comments that contain them; anything else matches names and comments as text,
 * case-insensitively, saved or as edited.
 */
export function processMatcher(filter: string): ((process: Process, draft?: ProcessFields) => boolean) | null {
  const needle = filter.trim().toLocaleLowerCase();
  if (!needle) return null;
  const id = /^#?\d+$/.test(needle) ? Number(needle.replace("#", "")) : undefined;
  const text = (s: string) => s.toLocaleLowerCase().includes(needle);
  return (process, draft) =>
    process.id === id ||
    text(process.name) ||
    text(process.comment) ||
    (draft !== undefined && (text(draft.name) || text(draft.comment)));
}

import type { ProcessListingItem } from "@/lib/validations/process-listing";
import type { EditStore } from "../editing/edit-store";
import type { TableRow } from "../model/table-row";
import { isRowBlocked, type RowEntry } from "../model/row-entry";

export const SORT_KEYS = ["id", "name", "state", "lastChange"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
export type Sort = { key: SortKey; dir: SortDir };

export const DEFAULT_SORT: Sort = { key: "id", dir: "asc" };

/** The sort named by the page's address (`?sort=name&dir=desc`); anything unknown is the default. */
export function sortFromParams(params: { get: (name: string) => string | null }): Sort {
  const key = SORT_KEYS.find((k) => k === params.get("sort")) ?? DEFAULT_SORT.key;
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  return { key, dir };
}

/** The address's query with the sort in it (the default leaves no trace); other parameters are kept. */
export function sortToSearch(search: string, sort: Sort): string {
  const params = new URLSearchParams(search);
  params.delete("sort");
  params.delete("dir");
  if (sort.key !== DEFAULT_SORT.key || sort.dir !== DEFAULT_SORT.dir) {
    params.set("sort", sort.key);
    params.set("dir", sort.dir);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A header pressed: its column ascending, or the other way when it is already the sort. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, dir: current.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" };
}

/**
 * Rank of a row's state, ascending: what needs the operator first (refused or invalid, then not saved, then
 * edited), then vanished, then saved in this visit, then untouched.
 */
export function stateRank(entry: RowEntry | undefined, gone: boolean): number {
  if (gone || entry?.outcome?.kind === "gone") return 3;
  if (entry?.draft && isRowBlocked(entry)) return 0;
  if (entry?.outcome?.kind === "failed") return 1;
  if (entry?.draft) return 2;
  if (entry?.outcome?.kind === "saved") return 4;
  return 5;
}

const lastChangedAt = (p: ProcessListingItem) => p.lastChange?.changedAt ?? p.updatedAt;

/**
 * The rows in the sort's order; ties by id, so the order is total and the same on every render. Names
 * compare as saved (not as being typed) by the locale's collation, numbers inside them as numbers. The row
 * `hold` (the one being typed in) keeps the index it had in `previous`, so nothing moves under the cursor;
 * it takes its sorted place at the next sort once the operator has left it.
 */
export function sortRows(
  rows: readonly TableRow[],
  sort: Sort,
  store: EditStore,
  options: { locale?: string; hold?: number | null; previous?: readonly number[] } = {},
): TableRow[] {
  const collator = new Intl.Collator(options.locale, { sensitivity: "base", numeric: true });
  const sign = sort.dir === "asc" ? 1 : -1;
  let compare: (a: TableRow, b: TableRow) => number;
  switch (sort.key) {
    case "id":
      compare = () => 0;
      break;
    case "name":
      compare = (a, b) => collator.compare(a.process.name, b.process.name);
      break;
    case "state": {
      const rank = new Map(rows.map((r) => [r.process.id, stateRank(store.getRow(r.process.id), r.gone)]));
      compare = (a, b) => rank.get(a.process.id)! - rank.get(b.process.id)!;
      break;
    }
    case "lastChange":
      compare = (a, b) => {
        const x = lastChangedAt(a.process);
        const y = lastChangedAt(b.process);
        return x < y ? -1 : x > y ? 1 : 0;
      };
      break;
  }
  const sorted = [...rows].sort((a, b) => sign * (compare(a, b) || a.process.id - b.process.id));
  return holdInPlace(sorted, options.hold, options.previous);
}

/** Moves the held row back to the index it had before, when it was shown before and still is. */
function holdInPlace(rows: TableRow[], hold: number | null | undefined, previous?: readonly number[]): TableRow[] {
  if (hold == null || !previous) return rows;
  const was = previous.indexOf(hold);
  const now = rows.findIndex((r) => r.process.id === hold);
  if (was < 0 || now < 0 || was === now) return rows;
  const next = [...rows];
  const [row] = next.splice(now, 1);
  next.splice(Math.min(was, next.length), 0, row!);
  return next;
}

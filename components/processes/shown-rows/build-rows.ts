import type { ProcessListingItem } from "@/lib/validations/process-listing";
import { exactIdFirst, processMatcher } from "./build-rows-filter";
import type { EditStore } from "../editing/edit-store";
import { isRowBlocked } from "../model/row-entry";
import type { TableRow } from "../model/table-row";
import { DEFAULT_SORT, sortRows, type Sort } from "./sort-rows";

/**
 * The rows to show: the server's list plus processes deleted under an edit (kept, marked, until dismissed),
 * narrowed by the filter (build-rows-filter.ts). The filter reads saved and edited values when it changes, not on every keystroke
 * in a row, so a row being typed in does not vanish under the cursor.
 */
/** Which rows the page shows: all, those with unsaved edits, or those with errors. */
export type RowsShown = "all" | "edited" | "invalid";

/** How the rows are ordered (sort-rows.ts): the sort, and the row kept in place while it is worked in. */
export type RowOrder = { sort: Sort; locale?: string; hold?: number | null; previous?: readonly number[] };

export function buildRows(
  processes: ProcessListingItem[],
  gone: ProcessListingItem[],
  filter: string,
  store: EditStore,
  shown: RowsShown = "all",
  order: RowOrder = { sort: DEFAULT_SORT },
): TableRow[] {
  let rows: TableRow[] = processes.map((process) => ({ process, gone: false }));
  if (gone.length > 0) {
    const listed = new Set(processes.map((p) => p.id));
    const extra = gone.filter((p) => !listed.has(p.id)).map((process) => ({ process, gone: true }));
    const goneIds = new Set(gone.map((p) => p.id));
    rows = rows.map((r) => (goneIds.has(r.process.id) ? { ...r, gone: true } : r));
    rows = [...rows, ...extra].sort((a, b) => a.process.id - b.process.id);
  }
  if (shown !== "all")
    rows = rows.filter(({ process }) => {
      const entry = store.getRow(process.id);
      return entry?.draft !== undefined && (shown === "edited" || isRowBlocked(entry));
    });
  const matches = processMatcher(filter);
  if (matches) rows = rows.filter(({ process }) => matches(process, store.getRow(process.id)?.draft));
  // The list comes in id order: ascending by id needs no sorting, nor a held row (nothing can move).
  const { sort, ...options } = order;
  if (sort.key !== DEFAULT_SORT.key || sort.dir !== DEFAULT_SORT.dir) rows = sortRows(rows, sort, store, options);
  // Digits alone: the process with that id on top, then those whose name or comment holds them.
  return exactIdFirst(rows, filter);
}

import type { Process } from "@/lib/validations/process";
import { processMatcher } from "./build-rows-filter";
import type { EditStore } from "./edit-store";
import { isRowBlocked } from "./row-entry";
import type { TableRow } from "./process-table";

/**
 * The rows to show: the server's list plus processes deleted under an edit (kept, marked, until dismissed),
 * narrowed by the filter (build-rows-filter.ts). The filter reads saved and edited values when it changes, not on every keystroke
 * in a row, so a row being typed in does not vanish under the cursor.
 */
/** Which rows the page shows: all, those with unsaved edits, or those with errors. */
export type RowsShown = "all" | "edited" | "invalid";

export function buildRows(
  processes: Process[],
  gone: Process[],
  filter: string,
  store: EditStore,
  shown: RowsShown = "all",
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
  if (!matches) return rows;
  return rows.filter(({ process }) => matches(process, store.getRow(process.id)?.draft));
}

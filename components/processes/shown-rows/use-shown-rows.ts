"use client";

// Which rows show, in which order: the filter, all/edited/invalid, the sort (kept in the URL), the row order
// held while the operator works in it (row-order-memory.ts), and the next row with an error.

import { useLocale } from "next-intl";
import { useMemo, useState } from "react";
import type { ProcessListingItem } from "@/lib/validations/process-listing";
import { buildRows, type RowsShown } from "./build-rows";
import type { EditStore, EditSummary } from "../editing/edit-store";
import { RowOrderMemory } from "./row-order-memory";
import type { Sort } from "./sort-rows";

type Options = {
  processes: ProcessListingItem[];
  summary: EditSummary;
  filter: string;
  shown: RowsShown;
  sort: Sort;
  store: EditStore;
  readOnly: boolean;
};

/**
 * The rows the table shows (buildRows, memoized), and a focus listener for the table's area: rebuilt for
 * new data in the same view (a save, a live change), the row last worked in keeps its place.
 */
export function useShownRows({ processes, summary, filter, shown, sort, store, readOnly }: Options) {
  const locale = useLocale();
  const [memory] = useState(() => new RowOrderMemory());
  // Narrowed to edited rows, the list follows which rows are edited (not each keystroke); so does a sort by state.
  const editedWhenNarrowed = shown === "all" && sort.key !== "state" ? null : summary;
  const gone = readOnly ? null : summary.goneProcesses;
  const rows = useMemo(
    () =>
      memory.build(`${sort.key}:${sort.dir}:${shown}:${filter}`, (hold, previous) =>
        buildRows(processes, gone ?? [], filter, store, shown, { sort, locale, hold, previous }),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- editedWhenNarrowed: re-narrow when edited rows change
    [processes, gone, filter, store, shown, editedWhenNarrowed, sort, locale, memory],
  );
  return { rows, noteFocus: memory.noteFocus };
}

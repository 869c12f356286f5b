"use client";

import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import { useCallback, useMemo, useRef, useState, type FocusEvent } from "react";
import type { Process } from "@/lib/validations/process";
import { ProcessRow } from "./process-row";
import { GoneRow, ReadOnlyRow } from "./static-rows";
import styles from "./process-table.module.css";

export type TableRow = { process: Process; gone: boolean };

const ESTIMATED_ROW_HEIGHT = 69;

type Props = { rows: TableRow[]; readOnly: boolean; emptyText: string };

/** The virtualizer only asks for indexes below `count` (= rows.length), so a missing row is a bug. */
function rowAt(rows: TableRow[], index: number): TableRow {
  const row = rows[index];
  if (!row) throw new Error(`ProcessTable: no row at index ${index} (${rows.length} rows)`);
  return row;
}

/**
 * The rows, virtualized. The row holding focus and its neighbours are always rendered, so focus survives
 * scrolling away and Tab / Shift+Tab always find the next row in the document.
 */
export function ProcessTable({ rows, readOnly, emptyText }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.process.id, i])), [rows]);
  const focusedIndex = focusedId === null ? undefined : indexById.get(focusedId);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focusedIndex === undefined) return indexes;
      const pinned = [focusedIndex - 1, focusedIndex, focusedIndex + 1].filter((i) => i >= 0 && i < range.count);
      return [...new Set([...indexes, ...pinned])].sort((a, b) => a - b);
    },
    [focusedIndex],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the hook re-renders this component itself
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 6,
    getItemKey: (i) => rowAt(rows, i).process.id,
    rangeExtractor,
  });

  const onFocus = (event: FocusEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>("[data-id]");
    if (row) setFocusedId(Number(row.dataset.id));
  };

  const columns = readOnly ? styles.readOnlyColumns : styles.editColumns;
  return (
    <div ref={scrollRef} className={styles.scroller} data-testid="process-table-scroller">
      <div role="table" aria-label="Processes" aria-rowcount={rows.length + 1} className={styles.table}>
        <div role="rowgroup" className={styles.head}>
          <div role="row" aria-rowindex={1} className={`${styles.row} ${styles.headRow} ${columns}`}>
            <div role="columnheader">ID</div>
            <div role="columnheader">Name</div>
            <div role="columnheader">Comment</div>
            {!readOnly && <div role="columnheader">State</div>}
            {!readOnly && (
              <div role="columnheader">
                <span className="visually-hidden">Actions</span>
              </div>
            )}
          </div>
        </div>
        <div role="rowgroup" className={styles.body} style={{ height: virtualizer.getTotalSize() }} onFocus={onFocus}>
          {virtualizer.getVirtualItems().map((item) => {
            const { process, gone } = rowAt(rows, item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                data-id={process.id}
                ref={virtualizer.measureElement}
                className={`${styles.row} ${columns} ${gone ? styles.goneRow : ""}`}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {readOnly ? (
                  <ReadOnlyRow process={process} />
                ) : gone ? (
                  <GoneRow process={process} />
                ) : (
                  <ProcessRow process={process} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 && <p className={styles.emptyState}>{emptyText}</p>}
    </div>
  );
}

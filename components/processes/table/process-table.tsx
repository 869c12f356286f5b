"use client";

// The table: virtualized rows, headers and column resizers. It puts the other parts together, so nothing but
// the editor imports it; what they share with it lives in model/.

import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import {
  useCallback,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type Ref,
} from "react";
import { useColumnWidths, type ColumnWidths } from "../layout/column-widths";
import { ColumnResizer } from "./column-resizer";
import { useDensity } from "../layout/density";
import { useEditor } from "../editing/editor-context";
import { ProcessRow } from "./process-row";
import { SortHeader } from "../shown-rows/sort-header";
import type { Sort, SortKey } from "../shown-rows/sort-rows";
import { GoneRow, ReadOnlyRow } from "./static-rows";
import { useGridKeys } from "../grid/use-grid-keys";
import { usePasteConfirm } from "../grid/use-paste-confirm";
import type { TableRow } from "../model/table-row";
import styles from "./process-table.module.css";

const ESTIMATED_ROW_HEIGHT = { comfortable: 69, standard: 35, compact: 27 } as const;

/** What the page may ask of the table from outside (the toolbar's Save all). */
export type TableHandle = {
  focusLastCell: () => void;
  focusCell: (id: number, field: "name" | "comment") => void;
  /** The row holding focus, or last holding it. */
  currentId: () => number | null;
};

type Props = {
  rows: TableRow[];
  readOnly: boolean;
  emptyText: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
  ref?: Ref<TableHandle>;
};

/** Resized columns as CSS variables: the rows' grid templates fall back to flexible widths without them. */
const columnStyle = (widths: ColumnWidths) =>
  ({
    "--name-col": widths.name === undefined ? undefined : `${widths.name}px`,
    "--comment-col": widths.comment === undefined ? undefined : `${widths.comment}px`,
  }) as CSSProperties;

/** The virtualizer only asks for indexes below `count` (= rows.length), so a missing row is a bug. */
function rowAt(rows: TableRow[], index: number): TableRow {
  const row = rows[index];
  if (!row) throw new Error(`ProcessTable: no row at index ${index} (${rows.length} rows)`);
  return row;
}

/**
 * The rows, virtualized. The row holding focus and its neighbours are always rendered, so focus survives
 * scrolling away and Tab / Shift+Tab always find the next row in the document. Editable, it is a grid:
 * spreadsheet keys (use-grid-keys.ts); read-only, a plain table.
 */
export function ProcessTable({ rows, readOnly, emptyText, sort, onSort, ref }: Props) {
  const t = useTranslations("table");
  const tLast = useTranslations("lastChange");
  const density = useDensity();
  const widths = useColumnWidths();
  const { store, actions } = useEditor();
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
    estimateSize: () => ESTIMATED_ROW_HEIGHT[density],
    overscan: 6,
    getItemKey: (i) => rowAt(rows, i).process.id,
    rangeExtractor,
  });

  const paste = usePasteConfirm();
  const keys = useGridKeys({
    rows,
    indexById,
    scrollRef,
    virtualizer,
    pinRow: setFocusedId,
    store,
    saveRow: actions.saveRow,
    ...paste,
  });

  useImperativeHandle(ref, () => ({
    focusLastCell: keys.focusLastCell,
    focusCell: keys.focusCell,
    currentId: () => focusedId,
  }));

  const onFocus = (event: FocusEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>("[data-id]");
    if (row) setFocusedId(Number(row.dataset.id));
    if (!readOnly) keys.onFocus(event);
  };

  const columns = readOnly ? styles.readOnlyColumns : styles.editColumns;
  return (
    <div
      ref={scrollRef}
      className={`${styles.scroller} ${styles[density] ?? ""}`}
      data-testid="process-table-scroller"
      data-density={density}
    >
      <div
        role={readOnly ? "table" : "grid"}
        aria-label={t("label")}
        aria-rowcount={rows.length + 1}
        className={styles.table}
        style={columnStyle(widths)}
      >
        <div role="rowgroup" className={styles.head}>
          <div role="row" aria-rowindex={1} className={`${styles.row} ${styles.headRow} ${columns}`}>
            <SortHeader column="id" label={t("id")} sort={sort} onSort={onSort} />
            <SortHeader column="name" label={t("name")} sort={sort} onSort={onSort} className={styles.resizable}>
              <ColumnResizer column="name" label={t("name")} width={widths.name} />
            </SortHeader>
            <div role="columnheader" className={styles.resizable}>
              {t("comment")}
              <ColumnResizer column="comment" label={t("comment")} width={widths.comment} />
            </div>
            <SortHeader column="lastChange" label={tLast("column")} sort={sort} onSort={onSort} />
            {!readOnly && <SortHeader column="state" label={t("state")} sort={sort} onSort={onSort} />}
            {!readOnly && (
              <div role="columnheader">
                <span className="visually-hidden">{t("actions")}</span>
              </div>
            )}
          </div>
        </div>
        <div
          role="rowgroup"
          className={styles.body}
          style={{ height: virtualizer.getTotalSize() }}
          onFocus={onFocus}
          onKeyDown={readOnly ? undefined : keys.onKeyDown}
          onPointerDown={readOnly ? undefined : keys.onPointerDown}
          onBlur={readOnly ? undefined : keys.onBlur}
          onPaste={readOnly ? undefined : keys.onPaste}
          onCopy={readOnly ? undefined : keys.onCopy}
        >
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

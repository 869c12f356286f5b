"use client";

import type { ReactNode } from "react";
import type { Sort, SortKey } from "./sort-rows";
import styles from "../grid-data.module.css";

type Props = {
  column: SortKey;
  label: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
  className?: string;
  /** Beside the button, e.g. the column's resize handle. */
  children?: ReactNode;
};

/** A column header that sorts: a button inside, `aria-sort` on the header (WAI-ARIA sortable table). */
export function SortHeader({ column, label, sort, onSort, className, children }: Props) {
  const active = sort.key === column;
  const ariaSort = active ? (sort.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <div role="columnheader" aria-sort={ariaSort} className={className}>
      <button type="button" className={styles.sortButton} onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true" className={active ? styles.sortMark : styles.sortIdle}>
          {active && sort.dir === "desc" ? "▼" : "▲"}
        </span>
      </button>
      {children}
    </div>
  );
}

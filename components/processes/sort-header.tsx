"use client";

import type { Sort, SortKey } from "./sort-rows";
import styles from "./grid-data.module.css";

type Props = { column: SortKey; label: string; sort: Sort; onSort: (key: SortKey) => void };

/** A column header that sorts: a button inside, `aria-sort` on the header (WAI-ARIA sortable table). */
export function SortHeader({ column, label, sort, onSort }: Props) {
  const active = sort.key === column;
  const ariaSort = active ? (sort.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <div role="columnheader" aria-sort={ariaSort}>
      <button type="button" className={styles.sortButton} onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true" className={active ? styles.sortMark : styles.sortIdle}>
          {active && sort.dir === "desc" ? "▼" : "▲"}
        </span>
      </button>
    </div>
  );
}

"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { nextSort, sortFromParams, sortToSearch, type Sort, type SortKey } from "./sort-rows";

/**
 * The table's sort, kept in the address (`?sort=name&dir=desc`) so it survives a reload and can be linked.
 * Written with history.replaceState, which Next's router follows (useSearchParams updates) without a
 * server round trip; replace, not push: Back leaves the page instead of stepping through sorts.
 */
export function useSortParam(): [Sort, (key: SortKey) => void] {
  const params = useSearchParams();
  const sort = useMemo(() => sortFromParams(params), [params]);
  const onSort = useCallback(
    (key: SortKey) => {
      const search = sortToSearch(window.location.search, nextSort(sort, key));
      // null, not history.state: Next takes a state carrying its own marker for its own call and does not sync.
      window.history.replaceState(null, "", `${window.location.pathname}${search}`);
    },
    [sort],
  );
  return [sort, onSort];
}

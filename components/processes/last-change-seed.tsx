"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { processKeys } from "@/lib/query/processes";
import type { ChangedBy } from "@/lib/validations/process-history";
import type { ProcessListingItem } from "@/lib/validations/process-listing";

const listHash = JSON.stringify(processKeys.list());

/**
 * The "last changed" column's data. The page's HTML carries the plain list (ProcessListSeed): embedded, the
 * last changes would make it two thirds larger (110 bytes per item) on the way to an editable table (note
 * 018). So whenever the cache holds such a plain list, it is fetched again with them (`?include=lastChange`);
 * until then the column shows each `updatedAt` alone. The signed-in user goes into the cache too: this page's
 * own saves are theirs.
 */
export function LastChangeSeed({ actor }: { actor: ChangedBy }) {
  const client = useQueryClient();
  useState(() => client.setQueryData(processKeys.actor(), actor));
  useEffect(() => {
    // A plain list (every item without lastChange): seeded from the HTML, or again after router.refresh.
    const fetchIfPlain = () => {
      const list = client.getQueryData<ProcessListingItem[]>(processKeys.list());
      if (list?.length && list.every((p) => p.lastChange === undefined))
        void client.invalidateQueries({ queryKey: processKeys.list() });
    };
    fetchIfPlain();
    return client.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "success" && event.query.queryHash === listHash)
        fetchIfPlain();
    });
  }, [client]);
  return null;
}

import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import { processKeys } from "@/lib/query/processes";
import type { ProcessChange } from "@/lib/validations/process-history";

// One process's history on the client (GET /api/v1/processes/{id}/history): keys, fetcher, query options.

export async function fetchProcessHistory(id: number, limit = 50): Promise<ProcessChange[]> {
  const body = await apiFetch<{ changes: ProcessChange[] }>(`/api/v1/processes/${id}/history?limit=${limit}`);
  return body.changes;
}

export const processHistoryQueryOptions = (id: number) =>
  queryOptions({ queryKey: processKeys.history(id), queryFn: () => fetchProcessHistory(id) });

export function useProcessHistory(id: number | null) {
  return useQuery({ ...processHistoryQueryOptions(id ?? 0), enabled: id !== null });
}

/** The newest change of a process (who moved it on), or null when it cannot be read. */
export async function fetchLatestChange(id: number): Promise<ProcessChange | null> {
  const changes = await fetchProcessHistory(id, 1).catch(() => []);
  return changes[0] ?? null;
}

/** Processes changed: cached histories are out of date (only an open one is fetched again). */
export function invalidateProcessHistories(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: processKeys.histories() });
}

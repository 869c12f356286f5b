import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import type { Process, ProcessFields, ProcessItem, ProcessList } from "@/lib/validations/process";
import type { ChangedBy } from "@/lib/validations/process-history";
import type { LastChange, ProcessListing, ProcessListingItem } from "@/lib/validations/process-listing";

// The processes resource on the client: keys, fetchers, query options and mutation hooks, in one place.

export const processKeys = {
  all: ["processes"] as const,
  list: () => [...processKeys.all, "list"] as const,
  /** Who this page's own saves are made by (the signed-in user), set by the page with the list. */
  actor: () => [...processKeys.all, "actor"] as const,
};

export const processMutationKeys = {
  saveOne: [...processKeys.all, "save-one"] as const,
  saveMany: [...processKeys.all, "save-many"] as const,
};

/** The list as the page shows it: each item with its `lastChange` (when, and who). */
export async function fetchProcesses(): Promise<ProcessListingItem[]> {
  const body = await apiFetch<ProcessListing>("/api/v1/processes?include=lastChange");
  return body.processes;
}

export function putProcess(id: number, fields: ProcessFields): Promise<Process> {
  return apiFetch<Process>(`/api/v1/processes/${id}`, { method: "PUT", body: JSON.stringify(fields) });
}

export async function putProcesses(items: ProcessItem[]): Promise<Process[]> {
  const body = await apiFetch<ProcessList>("/api/v1/processes", {
    method: "PUT",
    body: JSON.stringify({ processes: items }),
  });
  return body.processes;
}

export const processesQueryOptions = () => queryOptions({ queryKey: processKeys.list(), queryFn: fetchProcesses });

export function useProcesses() {
  return useQuery(processesQueryOptions());
}

/**
 * Puts the server's answer into the cached list. Unchanged rows keep their object identity, so only the
 * saved rows re-render.
 */
export function mergeSavedProcesses(client: QueryClient, saved: Process[]): void {
  const actor = client.getQueryData<ChangedBy>(processKeys.actor());
  mergeChangedProcesses(
    client,
    saved.map((process) => ({
      process,
      lastChange: actor ? { changedAt: process.updatedAt, changedBy: actor } : undefined,
    })),
  );
}

/**
 * Puts newer versions of processes into the cached list with their last change (a live event carries
 * `updatedAt` and `changedBy`: pass `{ changedAt: updatedAt, changedBy }`), so the "last changed" column,
 * which reads the cached items, follows. Older versions than the cached ones are ignored.
 */
export function mergeChangedProcesses(
  client: QueryClient,
  changes: { process: Process; lastChange?: LastChange }[],
): void {
  const byId = new Map(changes.map((c) => [c.process.id, c]));
  client.setQueryData<ProcessListingItem[]>(processKeys.list(), (list) =>
    list?.map((p) => {
      const change = byId.get(p.id);
      if (!change || change.process.version < p.version) return p;
      // Without its change, the item has no lastChange: the column then shows updatedAt without a who.
      return { ...change.process, lastChange: change.lastChange };
    }),
  );
}

export type SaveOneVariables = { id: number; fields: ProcessFields };

/** Whether a save's variables (one row's, or the bulk list) include the row `id`. */
export function mutationInvolves(variables: unknown, id: number): boolean {
  if (Array.isArray(variables)) return variables.some((item: { id?: unknown }) => item.id === id);
  return (variables as { id?: unknown } | undefined)?.id === id;
}

export function useSaveProcess() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: processMutationKeys.saveOne,
    mutationFn: ({ id, fields }: SaveOneVariables) => putProcess(id, fields),
    onSuccess: (saved) => mergeSavedProcesses(client, [saved]),
  });
}

export function useSaveProcesses() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: processMutationKeys.saveMany,
    mutationFn: (items: ProcessItem[]) => putProcesses(items),
    onSuccess: (saved) => mergeSavedProcesses(client, saved),
  });
}

/** After a 1005 or a vanished id: the list changed under us. */
export function refetchProcesses(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: processKeys.list() });
}

/**
 * The list as the server rendered it, handed over as the API's own JSON text (one string in the page's
 * payload instead of 10,000 objects for React to serialize, inline and revive). Newer data wins, as with
 * HydrationBoundary: a first render fills an empty cache at once; a later one (router.refresh) only if the
 * server's list is newer than the cached one, and never during render.
 */
export function seedProcessList(
  client: QueryClient,
  seed: { json: string; renderedAt: number; actor: ChangedBy },
  phase: "render" | "effect",
) {
  const { json, renderedAt, actor } = seed;
  client.setQueryData(processKeys.actor(), actor);
  const state = client.getQueryState(processKeys.list());
  const empty = state?.data === undefined;
  if (phase === "render" ? !empty : empty || state.dataUpdatedAt >= renderedAt) return;
  const { processes } = JSON.parse(json) as ProcessList;
  client.setQueryData(processKeys.list(), processes, { updatedAt: renderedAt });
  // The server's list has no last changes (note 018): stale at once, so the editor refetches it with them.
  void client.invalidateQueries({ queryKey: processKeys.list(), refetchType: "none" });
}

import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-error";
import { HeldForApproval } from "@/lib/query/change-requests";
import type { ChangeRequest } from "@/lib/validations/change-request";
import type { SignatureInput } from "@/lib/validations/change-control";
import type { Process, ProcessFields, ProcessItem, ProcessList } from "@/lib/validations/process";
import type { ChangedBy } from "@/lib/validations/process-history";
import type { LastChange, ProcessListing, ProcessListingItem } from "@/lib/validations/process-listing";

// The processes resource on the client: keys, fetchers, query options and mutation hooks, in one place.

export const processKeys = {
  all: ["processes"] as const,
  list: () => [...processKeys.all, "list"] as const,
  /** Who this page's own saves are made by (the signed-in user), set by the page with the list. */
  actor: () => [...processKeys.all, "actor"] as const,
  /** Every process's history (lib/query/process-history.ts), and one process's. */
  histories: () => [...processKeys.all, "history"] as const,
  history: (id: number) => [...processKeys.histories(), id] as const,
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

/** What a save carries under change control (docs/decisions/032): why, and the person's signature. */
export type ChangeExtras = { reason?: string; signature?: SignatureInput };

/** `version`: the one the edit started from; the server refuses the save (1007) when the process moved on. */
export async function putProcess(
  id: number,
  fields: ProcessFields,
  version?: number,
  extras?: ChangeExtras,
): Promise<Process> {
  const body = await apiFetch<Process | { changeRequest: ChangeRequest }>(`/api/v1/processes/${id}`, {
    method: "PUT",
    body: JSON.stringify({ ...fields, version, ...extras }),
  });
  // Under four-eyes approval the server may hold it (202): nothing written, the save settles as held.
  if ("changeRequest" in body) throw new HeldForApproval(body.changeRequest);
  return body;
}

export async function putProcesses(items: ProcessItem[], extras?: ChangeExtras): Promise<Process[]> {
  const body = await apiFetch<ProcessList | { changeRequest: ChangeRequest }>("/api/v1/processes", {
    method: "PUT",
    body: JSON.stringify({ processes: items, ...extras }),
  });
  if ("changeRequest" in body) throw new HeldForApproval(body.changeRequest);
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
      // Without its change, the item has no lastChange: the column then shows updatedAt without a who. The
      // same version without a who keeps the who already known (a live event may have brought it first).
      const known = change.process.version === p.version ? p.lastChange : undefined;
      return { ...change.process, lastChange: change.lastChange ?? known };
    }),
  );
}

export type SaveOneVariables = { id: number; fields: ProcessFields; version?: number; extras?: ChangeExtras };
export type SaveManyVariables = { items: ProcessItem[]; extras?: ChangeExtras };

/** The rows a save's variables carry: one row's, a bulk's `items`, or a plain list. */
function rowsOf(variables: unknown): unknown[] {
  if (Array.isArray(variables)) return variables;
  const items = (variables as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items : [variables];
}

/** Whether a save's variables (one row's, or the bulk list) include the row `id`. */
export function mutationInvolves(variables: unknown, id: number): boolean {
  return rowsOf(variables).some((item) => (item as { id?: unknown } | undefined)?.id === id);
}

/** Whether a save that carries the row `id` is out (read from the mutation cache, never a component flag). */
export function isSavePending(client: QueryClient, id: number): boolean {
  return pendingSaveIds(client).has(id);
}

/** The rows of every save still waiting for its answer: one pass, then a lookup per event of a burst. */
export function pendingSaveIds(client: QueryClient): Set<number> {
  const ids = new Set<number>();
  for (const mutation of client.getMutationCache().findAll({ mutationKey: processKeys.all, status: "pending" })) {
    for (const item of rowsOf(mutation.state.variables)) {
      const id = (item as { id?: unknown } | undefined)?.id;
      if (typeof id === "number") ids.add(id);
    }
  }
  return ids;
}

export function useSaveProcess() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: processMutationKeys.saveOne,
    mutationFn: ({ id, fields, version, extras }: SaveOneVariables) => putProcess(id, fields, version, extras),
    onSuccess: (saved) => {
      mergeSavedProcesses(client, [saved]);
      void client.invalidateQueries({ queryKey: processKeys.history(saved.id) });
    },
  });
}

export function useSaveProcesses() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: processMutationKeys.saveMany,
    mutationFn: ({ items, extras }: SaveManyVariables) => putProcesses(items, extras),
    onSuccess: (saved) => {
      mergeSavedProcesses(client, saved);
      void client.invalidateQueries({ queryKey: processKeys.histories() });
    },
  });
}

/**
 * Changes from the event stream, applied to the cached list in one update: newer versions replace rows in
 * place (others keep their identity), new ids are added in id order, deleted ids removed.
 */
export function applyProcessChanges(
  client: QueryClient,
  changes: { upserts: ProcessListingItem[]; deleted: number[] },
): void {
  if (changes.upserts.length === 0 && changes.deleted.length === 0) return;
  client.setQueryData<ProcessListingItem[]>(processKeys.list(), (list) => {
    if (!list) return list;
    const byId = new Map(changes.upserts.map((p) => [p.id, p]));
    const deleted = new Set(changes.deleted);
    let changed = false;
    const next = list.flatMap((p) => {
      if (deleted.has(p.id)) return ((changed = true), []);
      const update = byId.get(p.id);
      if (!update) return [p];
      byId.delete(p.id);
      if (update.version <= p.version) return [p];
      changed = true;
      return [update];
    });
    if (byId.size === 0) return changed ? next : list;
    return [...next, ...byId.values()].sort((a, b) => a.id - b.id);
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

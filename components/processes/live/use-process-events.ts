"use client";

// Live events: the server's stream of other people's changes, applied in batches (event-batch.ts) to the list
// and to the rows being edited; live-status.tsx shows whether the stream is up.

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useState } from "react";
import type { Tone } from "@/components/feedback/toaster";
import { refreshChangeRequests } from "@/lib/query/change-requests";
import { invalidateProcessHistories } from "@/lib/query/process-history";
import { applyProcessChanges, pendingSaveIds, processKeys, refetchProcesses } from "@/lib/query/processes";
import type { Process } from "@/lib/validations/process";
import type { EditStore } from "../editing/edit-store";
import { planEventBatch } from "./event-batch";

export type LiveState = "connecting" | "live" | "paused";

const EVENTS_URL = "/api/v1/processes/events";
/** How long an unedited row says "changed by … just now". */
export const CHANGED_MARK_MS = 6_000;
/** A stream the browser gave up on (an error answer, not a dropped connection) is opened again after this. */
const REOPEN_MS = 5_000;
// Events are applied in batches: someone's bulk save of 10,000 rows is then a few list updates, not 10,000.
const BATCH_MS = 50;

/**
 * Follows GET /api/v1/processes/events (the session cookie goes with it): changes land in the React Query
 * list in place; unedited rows are marked "changed by", edited ones are rebased (quiet merge or conflict)
 * before their Save. A dropped connection is resumed by the browser itself, with Last-Event-ID.
 */
export function useProcessEvents(
  store: EditStore,
  enabled: boolean,
  notify: (tone: Tone, message: string) => void,
  onPresence: (data: unknown) => void = () => {},
): LiveState {
  const client = useQueryClient();
  const t = useTranslations("live");
  // A conflict opened by an event is announced: the row's marker alone is silent.
  const onConflicts = (ids: number[], who: string | null) =>
    notify(
      "error",
      ids.length === 1
        ? t("conflictLive", { id: ids[0] ?? 0, who: who ?? t("someone") })
        : t("conflictsLive", { count: ids.length }),
    );
  const [state, setState] = useState<LiveState>("connecting");

  const applyBatch = useEffectEvent((batch: unknown[]) => {
    const list = client.getQueryData<Process[]>(processKeys.list()) ?? [];
    const { updated, deleted } = planEventBatch(batch, new Map(list.map((p) => [p.id, p])));
    applyProcessChanges(client, { upserts: [...updated.values()].map((u) => u.process), deleted: [...deleted.keys()] });
    const gone = [...deleted].filter(([id]) => store.getRow(id)?.draft);
    if (gone.length > 0) store.settle(gone.map(([id, process]) => ({ id, kind: "gone" as const, process })));
    // The echo of a save still waiting for its answer is this page's own change: nothing to merge.
    const pending = pendingSaveIds(client);
    const theirs = [...updated].filter(([id, u]) => !u.created && !pending.has(id));
    const open = new Set(theirs.filter(([id]) => store.getRow(id)?.conflict).map(([id]) => id));
    store.rebase(theirs.map(([id, u]) => ({ id, theirs: u.process, change: u.change, mark: true })));
    const conflicts = theirs.filter(([id]) => !open.has(id) && store.getRow(id)?.conflict);
    if (conflicts.length > 0)
      onConflicts(
        conflicts.map(([id]) => id),
        conflicts[0]?.[1].change.by ?? null,
      );
    const marked = theirs.map(([id]) => id).filter((id) => store.getRow(id)?.outcome?.kind === "changed");
    if (marked.length > 0) setTimeout(() => store.clearChanged(marked), CHANGED_MARK_MS);
    if (updated.size + deleted.size > 0) void invalidateProcessHistories(client);
  });

  const onReset = useEffectEvent(() => void refetchProcesses(client));
  // Who else has the list open (components/processes/presence/): events without an id, never replayed.
  const presenceEvent = useEffectEvent((data: unknown) => onPresence(data));
  const requestsEvent = useEffectEvent(() => void refreshChangeRequests(client));

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let flush: ReturnType<typeof setTimeout> | undefined;
    let batch: unknown[] = [];
    const onProcess = (data: unknown) => {
      batch.push(data);
      flush ??= setTimeout(() => {
        const taken = batch;
        batch = [];
        flush = undefined;
        applyBatch(taken);
      }, BATCH_MS);
    };
    const open = (again: boolean) => {
      const next = new EventSource(EVENTS_URL, { withCredentials: true });
      source = next;
      next.onopen = () => {
        setState("live");
        // A new stream starts from "now": what changed while none was open comes with the list.
        if (again) onReset();
      };
      next.onerror = () => {
        setState("paused");
        if (next.readyState === EventSource.CLOSED) reopen = setTimeout(() => open(true), REOPEN_MS);
      };
      next.addEventListener("process", (e) => onProcess(JSON.parse((e as MessageEvent<string>).data)));
      next.addEventListener("reset", () => onReset());
      next.addEventListener("presence", (e) => presenceEvent(JSON.parse((e as MessageEvent<string>).data)));
      // A change request made or decided anywhere (docs/decisions/043): the rows' marks read the list again.
      next.addEventListener("change-requests", () => requestsEvent());
    };
    open(false);
    return () => {
      clearTimeout(reopen);
      clearTimeout(flush);
      source?.close();
    };
  }, [enabled]);

  return state;
}

"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useState } from "react";
import { invalidateProcessHistory } from "@/lib/query/process-history";
import { applyProcessChange, isSavePending, processKeys, refetchProcesses } from "@/lib/query/processes";
import type { Process } from "@/lib/validations/process";
import { processEventKindSchema, processEventSchema } from "@/lib/validations/process-history";
import type { EditStore } from "./edit-store";

export type LiveState = "connecting" | "live" | "paused";

const EVENTS_URL = "/api/v1/processes/events";
/** How long an unedited row says "changed by … just now". */
export const CHANGED_MARK_MS = 6_000;
/** A stream the browser gave up on (an error answer, not a dropped connection) is opened again after this. */
const REOPEN_MS = 5_000;

/**
 * Follows GET /api/v1/processes/events (the session cookie goes with it): each change lands in the React
 * Query list in place; unedited rows are marked "changed by", edited ones are rebased (quiet merge or
 * conflict) before their Save. A dropped connection is resumed by the browser with Last-Event-ID.
 */
export function useProcessEvents(store: EditStore, enabled: boolean): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  const onProcess = useEffectEvent((data: unknown) => {
    const parsed = processEventSchema.safeParse(data);
    if (!parsed.success) return;
    const event = parsed.data;
    const kind = processEventKindSchema.parse((data as { kind?: unknown }).kind);
    const list = client.getQueryData<Process[]>(processKeys.list());
    const cached = list?.find((p) => p.id === event.id);
    const change = { by: event.changedBy.name, at: event.updatedAt };
    if (kind === "deleted") {
      if (cached) applyProcessChange(client, { process: cached, kind });
      if (cached && store.getRow(event.id)?.draft) store.settle([{ id: event.id, kind: "gone", process: cached }]);
      return;
    }
    // Already known: the answer to this page's own save, or a replay after a reconnect.
    if (cached && cached.version >= event.version) return;
    const { id, name, comment, version, updatedAt } = event;
    const process: Process = { id, name, comment, version, updatedAt, createdAt: cached?.createdAt ?? updatedAt };
    applyProcessChange(client, { process, kind });
    void invalidateProcessHistory(client, id);
    // The echo of a save still waiting for its answer is this page's own change: nothing to merge.
    if (kind === "created" || isSavePending(client, id)) return;
    store.rebase([{ id, theirs: process, change, mark: true }]);
    if (store.getRow(id)?.outcome?.kind === "changed") setTimeout(() => store.clearChanged(id), CHANGED_MARK_MS);
  });

  const onReset = useEffectEvent(() => void refetchProcesses(client));

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
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
    };
    open(false);
    return () => {
      clearTimeout(reopen);
      source?.close();
    };
  }, [enabled]);

  return state;
}

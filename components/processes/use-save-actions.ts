"use client";

import { notifyManager, useQueryClient } from "@tanstack/react-query";
import { leaveWithoutPrompt } from "@/components/leave-guard/leave-guard";
import type { Tone } from "@/components/feedback/toaster";
import { isApiError } from "@/lib/query/api-error";
import { processKeys, refetchProcesses, useSaveProcess, useSaveProcesses } from "@/lib/query/processes";
import { processFieldsSchema, type Process, type ProcessFields } from "@/lib/validations/process";
import type { Banner } from "./banners";
import { stashDrafts } from "./draft-stash";
import { isRowBlocked, type EditStore } from "./edit-store";
import { refusalsByRow } from "@/lib/query/problem-pointers";

type Sent = { id: number; draft: ProcessFields };
type Options = {
  store: EditStore;
  notify: (tone: Tone, message: string) => void;
  setBanner: (banner: Banner | null) => void;
  onForbidden: () => void;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The id named in a one-row message; every save sends at least one row (saveAll returns early on none). */
function firstId(sent: Sent[]): number {
  const first = sent[0];
  if (!first) throw new Error("useSaveActions: a save settled with no rows sent");
  return first.id;
}

/** Save one row, save all, and where each outcome lands (row, field, banner, toast, sign-in). */
export function useSaveActions({ store, notify, setBanner, onForbidden }: Options) {
  const client = useQueryClient();
  const saveOne = useSaveProcess();
  const saveMany = useSaveProcesses();

  const cached = (id: number): Process | undefined =>
    client.getQueryData<Process[]>(processKeys.list())?.find((p) => p.id === id);

  const isSaving = (id: number) =>
    client
      .getMutationCache()
      .findAll({ mutationKey: processKeys.all, status: "pending" })
      .some((m) => {
        const v = m.state.variables;
        return Array.isArray(v) ? v.some((item: { id: number }) => item.id === id) : (v as { id?: number })?.id === id;
      });

  function markGone(id: number, draft: ProcessFields): void {
    const process = cached(id) ?? { id, ...draft, version: 0, createdAt: "", updatedAt: "" };
    store.update(id, { outcome: { kind: "gone", process } });
  }

  // After React Query has handed the saved values to the rows: clearing a draft first would show the old
  // value for a frame.
  const afterSaved = (sent: Sent[]) => notifyManager.schedule(() => clearSaved(sent));

  function clearSaved(sent: Sent[]): void {
    for (const { id, draft } of sent) {
      // Typed on while the request was out: the newer edit stays, still unsaved.
      if (store.getRow(id)?.draft !== draft) continue;
      store.update(id, { draft: undefined, valid: true, serverErrors: undefined, outcome: { kind: "saved" } });
    }
    setBanner(null);
  }

  function failAll(sent: Sent[], reason: string): void {
    for (const { id } of sent) store.update(id, { outcome: { kind: "failed", reason } });
  }

  function onRefused(sent: Sent[], bulk: boolean, errors: { pointer: string; detail: string }[]): void {
    const { rows, unplaced } = refusalsByRow(
      errors,
      sent.map((s) => s.id),
      bulk,
    );
    let gone = 0;
    for (const { id, draft } of sent) {
      const refusal = rows.get(id);
      if (!refusal) continue;
      if (refusal.gone) {
        gone++;
        markGone(id, draft);
        continue;
      }
      const reason = refusal.other ?? "The server refused this row; see the fields";
      const serverErrors = Object.keys(refusal.fields).length ? refusal.fields : undefined;
      store.update(id, { serverErrors, outcome: { kind: "failed", reason } });
    }
    if (gone > 0) void refetchProcesses(client);
    if (bulk) setBanner({ kind: "refused", rows: rows.size, unplaced });
    notify(
      "error",
      bulk
        ? `Nothing was saved: ${plural(rows.size, "row was", "rows were")} refused.`
        : `Process ${firstId(sent)} was not saved: the server refused it.`,
    );
  }

  function onFailure(error: unknown, sent: Sent[], bulk: boolean): void {
    if (!isApiError(error)) {
      failAll(sent, "No answer from the server; check the connection and try again");
      notify("error", "Not saved: the server could not be reached.");
      return;
    }
    switch (error.code) {
      case 1001:
        return onRefused(sent, bulk, error.problem.errors ?? []);
      case 1005:
        for (const { id, draft } of sent) markGone(id, draft);
        void refetchProcesses(client);
        return notify("error", `Process ${firstId(sent)} no longer exists.`);
      case 1006:
        failAll(sent, "The database is unavailable");
        setBanner({ kind: "database" });
        return notify("error", "Not saved: the database is unavailable. Your edits are kept; try again.");
      case 2002:
      case 2004: {
        // Keep every unsaved edit for the return trip, then sign in again and come back here.
        stashDrafts(store.drafts());
        leaveWithoutPrompt();
        const back = window.location.pathname + window.location.search;
        // A full load on purpose: the leave guard is off, and sign-in starts from a clean page.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign(`/signin?callbackUrl=${encodeURIComponent(back)}&reason=expired`);
        return;
      }
      case 3001:
        onForbidden();
        return notify("error", "Not saved: your role may not change processes.");
      case 6001:
        failAll(sent, "Too many requests; try again in a moment");
        setBanner({ kind: "rate-limited" });
        return notify("error", "Not saved: too many requests. Try again in a moment.");
      default:
        failAll(sent, error.message);
        return notify("error", `Not saved: ${error.message}`);
    }
  }

  function saveRow(id: number): void {
    const entry = store.getRow(id);
    if (!entry?.draft || isRowBlocked(entry) || entry.outcome?.kind === "gone" || isSaving(id)) return;
    const sent = [{ id, draft: entry.draft }];
    saveOne.mutateAsync({ id, fields: processFieldsSchema.parse(entry.draft) }).then(
      () => {
        afterSaved(sent);
        notify("success", `Process ${id} saved.`);
      },
      (error: unknown) => onFailure(error, sent, false),
    );
  }

  function saveAll(): void {
    const { editedIds, invalidCount } = store.getSummary();
    if (editedIds.length === 0 || saveMany.isPending) return;
    if (invalidCount > 0) {
      notify("error", `Fix ${plural(invalidCount, "row", "rows")} with errors before saving all.`);
      return;
    }
    const sent: Sent[] = store.drafts().map(({ id, draft }) => ({ id, draft }));
    const items = sent.map(({ id, draft }) => ({ id, ...processFieldsSchema.parse(draft) }));
    saveMany.mutateAsync(items).then(
      () => {
        afterSaved(sent);
        notify("success", `${plural(sent.length, "process", "processes")} saved.`);
      },
      (error: unknown) => onFailure(error, sent, true),
    );
  }

  function discardRow(id: number): void {
    store.discard(id);
  }

  function discardAll(): void {
    const count = store.getSummary().editedIds.length;
    store.discardAll();
    setBanner(null);
    if (count > 0) notify("info", `Discarded ${plural(count, "unsaved edit", "unsaved edits")}.`);
  }

  return { saveRow, saveAll, discardRow, discardAll, saveAllPending: saveMany.isPending };
}

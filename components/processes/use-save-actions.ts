"use client";

import { notifyManager, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { leaveWithoutPrompt } from "@/components/leave-guard/leave-guard";
import type { Tone } from "@/components/feedback/toaster";
import {
  mutationInvolves,
  processKeys,
  refetchProcesses,
  useSaveProcess,
  useSaveProcesses,
} from "@/lib/query/processes";
import { processFieldsSchema, type Process } from "@/lib/validations/process";
import type { Banner } from "./banners";
import { stashDrafts } from "./draft-stash";
import type { EditStore } from "./edit-store";
import { isRowBlocked } from "./row-entry";
import {
  blockedOutcome,
  failedOutcome,
  savedOutcome,
  signInPath,
  type OutcomeText,
  type SaveOutcome,
  type SentRow,
} from "./save-outcome";

type Options = {
  store: EditStore;
  notify: (tone: Tone, message: string) => void;
  setBanner: (banner: Banner | null) => void;
  onForbidden: () => void;
};

/** Save one row, save all, discard: sends, then applies what save-outcome.ts decides. */
export function useSaveActions({ store, notify, setBanner, onForbidden }: Options) {
  const client = useQueryClient();
  const saveOne = useSaveProcess();
  const saveMany = useSaveProcesses();
  const outcomeText = useTranslations("outcome");
  const t: OutcomeText = (key, values) => outcomeText(key, values);
  const pageText = useTranslations("processes");

  const isSaving = (id: number) =>
    client
      .getMutationCache()
      .findAll({ mutationKey: processKeys.all, status: "pending" })
      .some((m) => mutationInvolves(m.state.variables, id));

  function apply(outcome: SaveOutcome): void {
    store.settle(outcome.rows);
    if (outcome.banner !== undefined) setBanner(outcome.banner);
    // A banner (role=alert) already says it: a toast too would announce the refusal twice.
    if (outcome.toast && !outcome.banner) notify(outcome.toast.tone, outcome.toast.message);
    if (outcome.next === "refetch") void refetchProcesses(client);
    if (outcome.next === "read-only") onForbidden();
    if (outcome.next === "sign-in") signInAgain();
  }

  /** Keeps every unsaved edit for the return trip, then signs in again and comes back here. */
  function signInAgain(): void {
    stashDrafts(store.drafts());
    leaveWithoutPrompt();
    // A full load on purpose: the leave guard is off, and sign-in starts from a clean page.
    window.location.assign(signInPath(window.location.pathname + window.location.search));
  }

  // After React Query has handed the saved values to the rows: clearing a draft first would show the old
  // value for a frame.
  const onSaved = (sent: SentRow[], bulk: boolean) => notifyManager.schedule(() => apply(savedOutcome(sent, bulk, t)));

  function onFailed(error: unknown, sent: SentRow[], bulk: boolean): void {
    const list = client.getQueryData<Process[]>(processKeys.list()) ?? [];
    const byId = new Map(list.map((p) => [p.id, p]));
    apply(failedOutcome({ error, sent, bulk, known: (id) => byId.get(id), t }));
  }

  function saveRow(id: number): void {
    const entry = store.getRow(id);
    if (!entry?.draft || isRowBlocked(entry) || entry.outcome?.kind === "gone" || isSaving(id)) return;
    const sent = [{ id, draft: entry.draft }];
    saveOne.mutateAsync({ id, fields: processFieldsSchema.parse(entry.draft) }).then(
      () => onSaved(sent, false),
      (error: unknown) => onFailed(error, sent, false),
    );
  }

  /** "blocked" when rows with errors kept anything from being sent (the page then shows the first). */
  function saveAll(): "blocked" | undefined {
    const { editedIds, invalidCount } = store.getSummary();
    if (editedIds.length === 0 || saveMany.isPending) return;
    if (invalidCount > 0) {
      apply(blockedOutcome(invalidCount, t));
      return "blocked";
    }
    const sent = store.drafts();
    const items = sent.map(({ id, draft }) => ({ id, ...processFieldsSchema.parse(draft) }));
    saveMany.mutateAsync(items).then(
      () => onSaved(sent, true),
      (error: unknown) => onFailed(error, sent, true),
    );
  }

  function discardRow(id: number): void {
    store.discard(id);
  }

  function discardAll(): void {
    const edited = store.getSummary().editedIds.length;
    store.discardAll();
    setBanner(null);
    if (edited > 0) notify("info", pageText("discarded", { count: edited }));
  }

  return { saveRow, saveAll, discardRow, discardAll, saveAllPending: saveMany.isPending };
}

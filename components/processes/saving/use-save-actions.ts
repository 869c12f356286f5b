"use client";

// Saving: one row or all of them, what each answer means for the rows (save-outcome.ts) and the banners that
// say it, saves overtaken by newer versions (stale-save.ts), and drafts kept across a sign-in (draft-stash.ts).

import { notifyManager, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { useTranslations } from "next-intl";
import { leaveWithoutPrompt } from "@/components/leave-guard/leave-guard";
import type { ToastAction, Tone } from "@/components/feedback/toaster";
import { changeControlKeys } from "@/lib/query/change-control";
import { isHeldForApproval, refreshChangeRequests } from "@/lib/query/change-requests";
import { fetchLatestChange } from "@/lib/query/process-history";
import {
  isSavePending,
  mergeChangedProcesses,
  type ChangeExtras,
  processKeys,
  refetchProcesses,
  useSaveProcess,
  useSaveProcesses,
} from "@/lib/query/processes";
import { processFieldsSchema, type Process, type ProcessFields } from "@/lib/validations/process";
import type { Banner } from "./banners";
import type { AskChange } from "./change-prompt";
import { controlRefusal } from "./control-refusal";
import { stashDrafts } from "./draft-stash";
import type { EditStore } from "../editing/edit-store";
import { baseOf, isRowBlocked } from "../model/row-entry";
import {
  blockedOutcome,
  failedOutcome,
  savedOutcome,
  signInPath,
  type OutcomeText,
  type SaveOutcome,
  type SentRow,
} from "./save-outcome";
import { changeOf, staleCurrent, whoChanged } from "./stale-save";
import { savedStep, SavedSteps, type SavedStep } from "./save-undo";

type Options = {
  store: EditStore;
  notify: (tone: Tone, message: string, action?: ToastAction) => void;
  setBanner: (banner: Banner | null) => void;
  onForbidden: () => void;
  /** Change control: what the save carries (reason, signature), asked once per Save or Save all. */
  ask: AskChange;
};

/**
 * A save sent again after a quiet merge: whose change it took in (for the message), how many times, and the
 * reason and signature the person gave for it (not asked again).
 */
type Retry = { who: string; attempt: number; extras?: ChangeExtras } & Scope;
/** Which rows a save sends (all drafts when absent), and whether it undoes an earlier save. */
type Scope = { only?: readonly number[]; undoing?: boolean };
// Each retry follows a fresh 1007: past this, someone is writing the row continuously; show the refusal.
const MAX_RETRIES = 3;
const WHO_LOOKUPS = 20;

/** Save one row, save all, discard, resolve a conflict, restore a version: sends, then applies. */
export function useSaveActions({ store, notify, setBanner, onForbidden, ask }: Options) {
  const client = useQueryClient();
  const saveOne = useSaveProcess();
  const saveMany = useSaveProcesses();
  const outcomeText = useTranslations("outcome");
  const t: OutcomeText = (key, values) => outcomeText(key, values);
  const pageText = useTranslations("processes");
  const liveText = useTranslations("live");
  const undoText = useTranslations("tableUndo");
  const undoable = useRef(new SavedSteps()).current;
  const ccText = useTranslations("changeControl.refused");
  const approvalText = useTranslations("changeRequests");

  function apply(outcome: SaveOutcome, action?: ToastAction): void {
    store.settle(outcome.rows);
    if (outcome.banner !== undefined) setBanner(outcome.banner);
    // A banner (role=alert) already says it: a toast too would announce the refusal twice.
    if (outcome.toast && !outcome.banner) notify(outcome.toast.tone, outcome.toast.message, action);
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
  const onSaved = (sent: SentRow[], bulk: boolean, retry: Retry | undefined, step: SavedStep | null, scope: Scope) =>
    notifyManager.schedule(() => {
      const outcome = savedOutcome(sent, bulk, t);
      if (scope.undoing) {
        outcome.toast = { tone: "success", message: undoText("undone", { count: sent.length, id: sent[0]?.id ?? 0 }) };
      } else if (retry) {
        const merged = bulk
          ? liveText("mergedMany", { count: sent.length, who: retry.who })
          : liveText("mergedOne", { id: sent[0]?.id ?? 0, who: retry.who });
        outcome.toast = { tone: "success", message: merged };
      }
      // An undo is not itself undone by the next Ctrl+Z: that goes to the save before it.
      if (step && !scope.undoing) undoable.push(step);
      apply(outcome, step && !scope.undoing ? { label: undoText("undo"), run: () => undoSave(step) } : undefined);
    });

  /** Each sent row's saved values before this save (what its draft started from). */
  const priorOf = (ids: readonly number[]) => {
    const list = client.getQueryData<Process[]>(processKeys.list()) ?? [];
    const listed = new Map(list.map((p) => [p.id, p]));
    return ids.map((id) => {
      const base = store.getRow(id)?.base ?? listed.get(id);
      return { id, before: base && { name: base.name, comment: base.comment } };
    });
  };

  /**
   * Undoes a save (the toast's, or the newest on Ctrl+Z): its rows get the values from before it as drafts,
   * over the versions it wrote, and are saved at once. False when there is no save to undo.
   */
  function undoSave(step?: SavedStep): boolean {
    const taken = undoable.take(step);
    if (!taken) return false;
    const busy = taken.rows.filter((r) => store.getRow(r.id)?.draft).map((r) => r.id);
    if (busy.length > 0) {
      notify("error", undoText("busy", { count: busy.length, ids: busy.join(", ") }));
      return true;
    }
    store.restore(taken.rows.map((r) => ({ id: r.id, draft: { ...r.before }, base: r.after })));
    const ids = taken.rows.map((r) => r.id);
    if (ids.length === 1) saveRow(ids[0]!, { who: "", attempt: 0, undoing: true });
    else saveAll({ who: "", attempt: 0, only: ids, undoing: true });
    return true;
  }

  function onFailed(
    error: unknown,
    sent: SentRow[],
    bulk: boolean,
    attempt: number,
    scope: Scope,
    extras?: ChangeExtras,
  ): void {
    // Held for four-eyes approval (202): nothing was written; the drafts go, the request now holds them.
    if (isHeldForApproval(error)) {
      for (const { id } of sent) store.discard(id);
      void refreshChangeRequests(client);
      notify("success", approvalText("held", { id: error.changeRequest.id, count: sent.length }));
      return;
    }
    const current = staleCurrent(error);
    if (current.length > 0 && attempt < MAX_RETRIES) {
      void onStale(current, sent, bulk, attempt, scope, extras);
      return;
    }
    // A reason or signature refused (missing, wrong password): the edits stay; the person saves again.
    const refused = controlRefusal(error);
    if (refused) {
      // The policy may have changed since the page read it: the next save asks by the policy as it is now.
      void client.invalidateQueries({ queryKey: changeControlKeys.all });
      notify("error", ccText(refused));
      return;
    }
    const list = client.getQueryData<Process[]>(processKeys.list()) ?? [];
    const byId = new Map(list.map((p) => [p.id, p]));
    // A deletion the event stream brought first has left the list: the row's gone marker still holds it.
    const goneProcess = (id: number) => {
      const outcome = store.getRow(id)?.outcome;
      return outcome?.kind === "gone" ? outcome.process : undefined;
    };
    apply(failedOutcome({ error, sent, bulk, known: (id) => byId.get(id) ?? goneProcess(id), t }));
  }

  /**
   * 1007, nothing written: take their processes, merge their fields into my drafts (rebase.ts), and save
   * again against their versions; where both sides changed a field, open a conflict and save nothing.
   */
  async function onStale(
    current: Process[],
    sent: SentRow[],
    bulk: boolean,
    attempt: number,
    scope: Scope,
    extras?: ChangeExtras,
  ): Promise<void> {
    // Who changed them, from each one's newest history row: a few lookups, not one per row of a large bulk.
    const latest = await Promise.all(current.map((p, i) => (i < WHO_LOOKUPS ? fetchLatestChange(p.id) : null)));
    // Their versions into the list, with their last change (not this page's: it wrote nothing).
    mergeChangedProcesses(
      client,
      current.map((process, i) => {
        const change = latest[i];
        return {
          process,
          lastChange: change ? { changedAt: change.changedAt, changedBy: change.changedBy } : undefined,
        };
      }),
    );
    const changes = latest.map(changeOf);
    store.rebase(current.map((theirs, i) => ({ id: theirs.id, theirs, change: changes[i] ?? changeOf(null) })));
    const who = whoChanged(changes, liveText("someone"));
    const conflicts = current.filter((p) => store.getRow(p.id)?.conflict);
    const first = conflicts[0];
    if (first) {
      const message = bulk
        ? liveText("conflictsMany", { count: conflicts.length })
        : liveText("conflictOne", { id: first.id, who });
      notify("error", message);
      return;
    }
    const retry = { who, attempt: attempt + 1, extras, ...scope };
    if (bulk) saveAll(retry);
    else if (store.getRow(sent[0]?.id ?? 0)?.draft) saveRow(sent[0]?.id ?? 0, retry);
    else notify("info", liveText("mergedOne", { id: sent[0]?.id ?? 0, who }));
  }

  function saveRow(id: number, retry?: Retry): void {
    const entry = store.getRow(id);
    if (!entry?.draft || isRowBlocked(entry) || entry.outcome?.kind === "gone" || isSavePending(client, id)) return;
    const sent = [{ id, draft: entry.draft }];
    const version = entry.base?.version;
    // Merged from the event stream before Save: the save's message says so too.
    if (!retry && entry.outcome?.kind === "merged")
      retry = { who: entry.outcome.by ?? liveText("someone"), attempt: 0 };
    const scope = { undoing: retry?.undoing };
    const priors = priorOf([id]);
    const fields = processFieldsSchema.parse(entry.draft);
    const send = (extras: ChangeExtras) =>
      saveOne.mutateAsync({ id, fields, version, extras }).then(
        (written) => onSaved(sent, false, retry, savedStep(priors, [written]), scope),
        (error: unknown) => onFailed(error, sent, false, retry?.attempt ?? 0, scope, extras),
      );
    // An undo is a new save like any other: under change control it is asked for too.
    if (retry?.extras) void send(retry.extras);
    else void ask(1).then((extras) => extras && send(extras));
  }

  /** "blocked" when rows with errors or conflicts kept anything from being sent (the page shows the first). */
  function saveAll(retry?: Retry): "blocked" | undefined {
    const { editedIds, invalidCount, conflictCount } = store.getSummary();
    if (editedIds.length === 0 || saveMany.isPending) return;
    // An undo saves its own rows (valid saved values), whatever other rows hold.
    if (retry?.only) return void sendAll(retry, new Set(retry.only));
    if (conflictCount > 0) {
      notify("error", liveText("resolveFirst", { count: conflictCount }));
      return "blocked";
    }
    if (invalidCount > 0) {
      apply(blockedOutcome(invalidCount, t));
      return "blocked";
    }
    sendAll(retry);
  }

  function sendAll(retry: Retry | undefined, only?: ReadonlySet<number>): void {
    const drafts = store.drafts().filter(({ id }) => !only || only.has(id));
    if (drafts.length === 0) return;
    const sent = drafts.map(({ id, draft }) => ({ id, draft }));
    const scope = { only: retry?.only, undoing: retry?.undoing };
    const priors = priorOf(sent.map((r) => r.id));
    const items = drafts.map(({ id, draft, base }) => ({
      id,
      ...processFieldsSchema.parse(draft),
      version: base?.version,
    }));
    const send = (extras: ChangeExtras) =>
      saveMany.mutateAsync({ items, extras }).then(
        (written) => onSaved(sent, true, retry, savedStep(priors, written), scope),
        (error: unknown) => onFailed(error, sent, true, retry?.attempt ?? 0, scope, extras),
      );
    if (retry?.extras) void send(retry.extras);
    else void ask(items.length).then((extras) => extras && send(extras));
  }

  /** "Keep mine" saves my values against their version at once; "Take theirs" leaves my other edits. */
  function resolveConflict(id: number, choice: "mine" | "theirs"): void {
    store.resolve(id, choice);
    if (choice === "mine") saveRow(id);
  }

  /** "Restore this version": a normal save of those values against the current version. */
  function restoreVersion(id: number, fields: ProcessFields): "saved" | "same" | undefined {
    const current = client.getQueryData<Process[]>(processKeys.list())?.find((p) => p.id === id);
    if (!current) return undefined;
    if (current.name === fields.name && current.comment === fields.comment) return "same";
    store.restore([{ id, draft: { name: fields.name, comment: fields.comment }, base: baseOf(current) }]);
    saveRow(id);
    return "saved";
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

  return {
    saveRow: (id: number) => saveRow(id),
    saveAll: () => saveAll(),
    undoSave: () => undoSave(),
    discardRow,
    discardAll,
    resolveConflict,
    restoreVersion,
    saveAllPending: saveMany.isPending,
  };
}

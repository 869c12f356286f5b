import type { Tone } from "@/components/feedback/toaster";
import type en from "@/messages/en.json";
import { isErrorCode, type ErrorCode } from "@/lib/errors";
import { isApiError, type ApiError } from "@/lib/query/api-error";
import { refusalsByRow } from "@/lib/query/problem-pointers";
import type { Process, ProcessFields } from "@/lib/validations/process";
import type { Banner } from "./banners";
import type { RowSettlement } from "../model/row-entry";

export type SentRow = { id: number; draft: ProcessFields };

/** What the page does after a save, as data; `use-save-actions.ts` applies it and decides nothing. */
export type SaveOutcome = {
  /** Applied to the edit store in one step. */
  rows: RowSettlement[];
  /** A banner to show; `null` hides the current one; absent leaves it as it is. */
  banner?: Banner | null;
  toast?: { tone: Tone; message: string };
  /**
   * refetch: the list changed under us (a process vanished); sign-in: the session is gone, so keep the
   * edits and sign in again; read-only: the role may no longer write.
   */
  next?: "refetch" | "sign-in" | "read-only";
};

/** The page's words for outcomes (`outcome` in the catalogs), in the operator's language. */
export type OutcomeText = (key: keyof typeof en.outcome, values?: Record<string, string | number>) => string;

export type SaveFailure = {
  /** What the mutation threw: an ApiError for any answer, anything else for no answer. */
  error: unknown;
  /** The rows the request carried, in request order (a bulk 1001's pointers index this list). */
  sent: readonly SentRow[];
  bulk: boolean;
  /** The cached process, to keep on screen when it no longer exists. */
  known: (id: number) => Process | undefined;
  t: OutcomeText;
};

/** Where the page goes to sign in again, and comes back to. */
export const signInPath = (back: string) => `/signin?callbackUrl=${encodeURIComponent(back)}&reason=expired`;

export function savedOutcome(sent: readonly SentRow[], bulk: boolean, t: OutcomeText): SaveOutcome {
  return {
    rows: sent.map(({ id, draft }) => ({ id, kind: "saved", draft })),
    banner: null,
    toast: {
      tone: "success",
      message: bulk ? t("savedMany", { count: sent.length }) : t("savedOne", { id: firstId(sent) }),
    },
  };
}

/** Save all pressed while rows hold errors: nothing is sent. */
export function blockedOutcome(invalidCount: number, t: OutcomeText): SaveOutcome {
  return { rows: [], toast: { tone: "error", message: t("blocked", { count: invalidCount }) } };
}

export function failedOutcome(failure: SaveFailure): SaveOutcome {
  const { error, sent, t } = failure;
  if (!isApiError(error))
    return failAll(sent, t("noAnswerReason"), { toast: { tone: "error", message: t("noAnswerToast") } });
  // An answer outside the table (a proxy's 502, a 404 without a code): its own words.
  if (!isErrorCode(error.code))
    return failAll(sent, error.message, {
      toast: { tone: "error", message: t("notSaved", { detail: error.message }) },
    });
  return outcomeForCode(error.code, error, failure);
}

function outcomeForCode(code: ErrorCode, error: ApiError, failure: SaveFailure): SaveOutcome {
  const { sent, t } = failure;
  switch (code) {
    case 1001:
      return refused(error, failure);
    case 1005:
      return {
        rows: sent.map(({ id, draft }) => gone(id, draft, failure.known)),
        toast: { tone: "error", message: t("gone", { id: firstId(sent) }) },
        next: "refetch",
      };
    case 1006:
      return failAll(sent, t("databaseReason"), {
        banner: { kind: "database" },
        toast: { tone: "error", message: t("databaseToast") },
      });
    case 1007:
      // The page sends no version yet (last write wins); should a refusal come, keep the edits and reload.
      return failAll(sent, t("staleReason"), {
        toast: { tone: "error", message: t("staleToast") },
        next: "refetch",
      });
    case 1008:
      // The users' rules (issue 20): no process save meets them; should one come, its own words.
      return failAll(sent, error.message, {
        toast: { tone: "error", message: t("notSaved", { detail: error.message }) },
      });
    case 2002:
    case 2004:
      return { rows: [], next: "sign-in" };
    case 3001:
      return {
        rows: [],
        toast: { tone: "error", message: t("forbiddenToast") },
        next: "read-only",
      };
    case 6001:
      // Reached once React Query's retries after Retry-After are spent.
      return failAll(sent, t("rateReason"), {
        banner: { kind: "rate-limited" },
        toast: { tone: "error", message: t("rateToast") },
      });
    default:
      return unhandled(code);
  }
}

/** 1001: each pointer lands on its row and field; an id that no longer exists marks its row gone. */
function refused(error: ApiError, { sent, bulk, known, t }: SaveFailure): SaveOutcome {
  const { rows, unplaced } = refusalsByRow(
    error.problem.errors ?? [],
    sent.map((s) => s.id),
    bulk,
  );
  const settlements: RowSettlement[] = [];
  for (const { id, draft } of sent) {
    const refusal = rows.get(id);
    if (!refusal) continue;
    if (refusal.gone) {
      settlements.push(gone(id, draft, known));
      continue;
    }
    const fields = Object.keys(refusal.fields).length > 0 ? refusal.fields : undefined;
    const reason = refusal.other ?? t("refusedReason");
    settlements.push({ id, kind: "refused", reason, serverErrors: fields });
  }
  return {
    rows: settlements,
    banner: bulk ? { kind: "refused", rows: rows.size, unplaced } : undefined,
    toast: {
      tone: "error",
      message: bulk ? t("refusedMany", { count: rows.size }) : t("refusedOne", { id: firstId(sent) }),
    },
    next: settlements.some((s) => s.kind === "gone") ? "refetch" : undefined,
  };
}

function failAll(sent: readonly SentRow[], reason: string, rest: Omit<SaveOutcome, "rows">): SaveOutcome {
  return { rows: sent.map(({ id }) => ({ id, kind: "failed", reason })), ...rest };
}

function gone(id: number, draft: ProcessFields, known: SaveFailure["known"]): RowSettlement {
  const process = known(id) ?? { id, ...draft, version: 0, createdAt: "", updatedAt: "" };
  return { id, kind: "gone", process };
}

/** The process named in a one-row message; every save sends at least one row. */
function firstId(sent: readonly SentRow[]): number {
  const first = sent[0];
  if (!first) throw new Error("save-outcome: a save settled with no rows sent");
  return first.id;
}

/** A code added to lib/errors.ts without a case here fails the type check at `code: never`. */
function unhandled(code: never): never {
  throw new Error(`save-outcome: no case for error code ${String(code)}`);
}

import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { ApiError } from "@/lib/query/api-error";
import type { Problem } from "@/lib/validations/problem";
import type { Process } from "@/lib/validations/process";
import type { RowSettlement } from "../model/row-entry";
import {
  blockedOutcome,
  failedOutcome,
  savedOutcome,
  signInPath,
  type OutcomeText,
  type SaveOutcome,
  type SentRow,
} from "./save-outcome";

const translator = (locale: "en" | "ru"): OutcomeText => {
  const t = createTranslator({ locale, messages: locale === "en" ? en : ru, namespace: "outcome" });
  return (key, values) => t(key, values);
};
const t = translator("en");

const A: SentRow = { id: 7, draft: { name: "Etching", comment: "" } };
const B: SentRow = { id: 12, draft: { name: "Rinsing", comment: "Tank 2" } };
const C: SentRow = { id: 40, draft: { name: "", comment: "" } };
const cachedB: Process = { id: 12, name: "Rinse", comment: "", version: 3, createdAt: "t0", updatedAt: "t1" };
const known = (id: number) => (id === cachedB.id ? cachedB : undefined);

function apiError(code: number | undefined, detail: string, errors?: Problem["errors"]): ApiError {
  const status = ERROR_CODES[code as ErrorCode]?.status ?? 502;
  return new ApiError(status, { type: "about:blank", title: "t", status, code, detail, errors });
}

const failed = (reason: string, ...rows: SentRow[]): RowSettlement[] =>
  rows.map(({ id }) => ({ id, kind: "failed", reason }));

type Case = { name: string; error: unknown; sent: SentRow[]; bulk: boolean; expected: SaveOutcome };

const cases: Case[] = [
  {
    name: "no answer at all (fetch threw)",
    error: new TypeError("Failed to fetch"),
    sent: [A, B],
    bulk: true,
    expected: {
      rows: failed("No answer from the server; check the connection and try again", A, B),
      toast: { tone: "error", message: "Not saved: the server could not be reached." },
    },
  },
  {
    name: "an answer without a code from the table (a proxy's 502)",
    error: apiError(undefined, "Bad gateway"),
    sent: [A],
    bulk: false,
    expected: { rows: failed("Bad gateway", A), toast: { tone: "error", message: "Not saved: Bad gateway" } },
  },
  {
    name: "a code the table does not have",
    error: apiError(9999, "Something new"),
    sent: [A],
    bulk: false,
    expected: { rows: failed("Something new", A), toast: { tone: "error", message: "Not saved: Something new" } },
  },
  {
    name: "1008 (a users' rule, never met by a save): its own words",
    error: apiError(1008, "Refused by a rule"),
    sent: [A],
    bulk: false,
    expected: {
      rows: failed("Refused by a rule", A),
      toast: { tone: "error", message: "Not saved: Refused by a rule" },
    },
  },
  {
    name: "1001 on one row: its fields get the server's reasons, no banner",
    error: apiError(1001, "Incorrect data", [{ pointer: "/name", detail: "must not be empty" }]),
    sent: [A],
    bulk: false,
    expected: {
      rows: [
        {
          id: 7,
          kind: "refused",
          reason: "The server refused this row; see the fields",
          serverErrors: { name: "must not be empty" },
        },
      ],
      toast: { tone: "error", message: "Process 7 was not saved: the server refused it." },
    },
  },
  {
    name: "1001 in a bulk save: pointers by request index, a vanished id, a reason off the fields, the rest unplaced",
    error: apiError(1001, "Incorrect data", [
      { pointer: "/processes/2/comment", detail: "must be at most 1000 characters" },
      { pointer: "/processes/1/id", detail: "process 12 does not exist" },
      { pointer: "/processes/0/version", detail: "unknown member" },
      { pointer: "", detail: "must be a JSON object" },
    ]),
    sent: [A, B, C],
    bulk: true,
    expected: {
      rows: [
        { id: 7, kind: "refused", reason: "unknown member", serverErrors: undefined },
        { id: 12, kind: "gone", process: cachedB },
        {
          id: 40,
          kind: "refused",
          reason: "The server refused this row; see the fields",
          serverErrors: { comment: "must be at most 1000 characters" },
        },
      ],
      banner: { kind: "refused", rows: 3, unplaced: ["request: must be a JSON object"] },
      toast: { tone: "error", message: "Nothing was saved: 3 rows were refused." },
      next: "refetch",
    },
  },
  {
    name: "1001 in a bulk save with one row refused: the singular",
    error: apiError(1001, "Incorrect data", [{ pointer: "/processes/1/name", detail: "must not be empty" }]),
    sent: [A, C],
    bulk: true,
    expected: {
      rows: [
        {
          id: 40,
          kind: "refused",
          reason: "The server refused this row; see the fields",
          serverErrors: { name: "must not be empty" },
        },
      ],
      banner: { kind: "refused", rows: 1, unplaced: [] },
      toast: { tone: "error", message: "Nothing was saved: 1 row was refused." },
    },
  },
  {
    name: "1005: the process is gone; one not in the cache is kept as typed",
    error: apiError(1005, "Process 7 does not exist"),
    sent: [A],
    bulk: false,
    expected: {
      rows: [{ id: 7, kind: "gone", process: { id: 7, ...A.draft, version: 0, createdAt: "", updatedAt: "" } }],
      toast: { tone: "error", message: "Process 7 no longer exists." },
      next: "refetch",
    },
  },
  {
    name: "1006: the database banner, edits kept",
    error: apiError(1006, "The database did not answer"),
    sent: [A, B],
    bulk: true,
    expected: {
      rows: failed("The database is unavailable", A, B),
      banner: { kind: "database" },
      toast: { tone: "error", message: "Not saved: the database is unavailable. Your edits are kept; try again." },
    },
  },
  {
    name: "1007: changed by someone else, edits kept and the list reloaded",
    error: apiError(1007, "Process 12 is at version 4"),
    sent: [B],
    bulk: false,
    expected: {
      rows: failed("Changed by someone else since it was read", B),
      toast: {
        tone: "error",
        message: "Not saved: the process was changed by someone else. Your edits are kept; the list is reloaded.",
      },
      next: "refetch",
    },
  },
  ...([2002, 2004] as const).map((code): Case => ({
    name: `${code}: sign in again, nothing marked`,
    error: apiError(code, "Sign in"),
    sent: [A, B],
    bulk: true,
    expected: { rows: [], next: "sign-in" },
  })),
  {
    name: "3001: the table turns read-only",
    error: apiError(3001, "The role User may not PUT this resource"),
    sent: [A],
    bulk: false,
    expected: {
      rows: [],
      toast: { tone: "error", message: "Not saved: your role may not change processes." },
      next: "read-only",
    },
  },
  {
    name: "6001 after the retries: the rate-limit banner, edits kept",
    error: apiError(6001, "Too many requests"),
    sent: [B],
    bulk: false,
    expected: {
      rows: failed("Too many requests; try again in a moment", B),
      banner: { kind: "rate-limited" },
      toast: { tone: "error", message: "Not saved: too many requests. Try again in a moment." },
    },
  },
];

describe("failedOutcome", () => {
  it.each(cases)("$name", ({ error, sent, bulk, expected }) => {
    expect(failedOutcome({ error, sent, bulk, known, t })).toEqual(expected);
  });

  it("has a case for every code in the error table", () => {
    const covered = new Set(
      cases.map((c) => (c.error instanceof ApiError ? c.error.code : undefined)).filter((c) => c !== undefined),
    );
    for (const code of Object.keys(ERROR_CODES)) expect(covered).toContain(Number(code));
  });

  it("refuses to describe a save that sent nothing", () => {
    expect(() => failedOutcome({ error: apiError(1005, "gone"), sent: [], bulk: false, known, t })).toThrow(
      /no rows sent/,
    );
  });
});

describe("savedOutcome, blockedOutcome, signInPath", () => {
  it.each([
    { sent: [A], bulk: false, message: "Process 7 saved." },
    { sent: [A], bulk: true, message: "1 process saved." },
    { sent: [A, B, C], bulk: true, message: "3 processes saved." },
  ])("saved $sent.length (bulk: $bulk): $message", ({ sent, bulk, message }) => {
    expect(savedOutcome(sent, bulk, t)).toEqual({
      rows: sent.map(({ id, draft }) => ({ id, kind: "saved", draft })),
      banner: null,
      toast: { tone: "success", message },
    });
  });

  it("passes the drafts sent by identity, so a row typed on meanwhile keeps its newer draft", () => {
    const [row] = savedOutcome([A], false, t).rows;
    expect(row?.kind === "saved" && row.draft).toBe(A.draft);
  });

  it.each([
    { invalid: 1, message: "Fix 1 row with errors before saving all." },
    { invalid: 4, message: "Fix 4 rows with errors before saving all." },
  ])("blocked by $invalid", ({ invalid, message }) => {
    expect(blockedOutcome(invalid, t)).toEqual({ rows: [], toast: { tone: "error", message } });
  });

  it.each([
    { sent: [A], message: "Сохранён 1 процесс." },
    { sent: [A, B], message: "Сохранены 2 процесса." },
    { sent: [A, B, C, A, B], message: "Сохранено 5 процессов." },
  ])("in Russian, $sent.length saved: $message (plural forms)", ({ sent, message }) => {
    expect(savedOutcome(sent, true, translator("ru")).toast?.message).toBe(message);
  });

  it("sends sign-in back to the page, query included", () => {
    expect(signInPath("/settings/processes?x=1&y=2")).toBe(
      "/signin?callbackUrl=%2Fsettings%2Fprocesses%3Fx%3D1%26y%3D2&reason=expired",
    );
  });
});

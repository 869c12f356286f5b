import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import type { IssueKey } from "@/lib/validations/issues";

// The strength estimate of a new password: zxcvbn-ts with its common-password, English and keyboard dictionaries.
// Server-only on purpose: the dictionaries are about 1.5 MB of JavaScript, which a form importing this would send
// to every browser. The forms check the length rule themselves and show the server's refusal for the rest.

/** zxcvbn's scores run 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;

// Built on first use (ranking the dictionaries takes a moment), once per process.
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    // Off (the default): near-misses of common passwords cost 0.2–0.9 s per check here, against 10–40 ms without.
    useLevenshteinDistance: false,
  });
  return factory;
}

// zxcvbn's warning keys (its translations are left as keys) to our reasons; anything else is the plain "weak".
const REASONS: Record<string, IssueKey> = {
  topTen: "weakCommon",
  topHundred: "weakCommon",
  common: "weakCommon",
  similarToCommon: "weakCommon",
  pwned: "weakCommon",
  straightRow: "weakKeyboard",
  keyPattern: "weakKeyboard",
  simpleRepeat: "weakRepeat",
  extendedRepeat: "weakRepeat",
  sequences: "weakSequence",
  recentYears: "weakDates",
  dates: "weakDates",
  wordByItself: "weakWords",
  namesByThemselves: "weakWords",
  commonNames: "weakWords",
  userInputs: "containsEmail",
};

/** Parts of a person's email and name a password must not contain (case-insensitive; 3+ characters each). */
export function personalWords(person: { email?: string | null; name?: string | null }): string[] {
  const local = (person.email ?? "").split("@")[0] ?? "";
  const words = [local, ...local.split(/[^\p{L}\p{N}]+/u), ...(person.name ?? "").split(/\s+/)];
  return [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 3))];
}

/** Why a password is too weak (an issue key), or null when it is strong enough. */
export function weaknessOf(password: string, person: { email?: string | null; name?: string | null } = {}) {
  const words = personalWords(person);
  const lower = password.toLowerCase();
  if (words.some((w) => lower.includes(w))) return "containsEmail" satisfies IssueKey;
  const result = estimator().check(password, words);
  if (result.score >= MIN_SCORE) return null;
  return REASONS[result.feedback.warning ?? ""] ?? ("weak" satisfies IssueKey);
}

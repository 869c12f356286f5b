// The reasons our schemas give, by key. The API sends the English text (its contract); the page finds the
// key again from that text (`issueOf`) and shows the catalog's words for it (messages/*.json, "validation").

export const ISSUES = {
  notString: "must be a string",
  empty: "must not be empty",
  tooLong: "must be at most {max} characters",
  tooShort: "must be at least {min} characters",
  control: "must not contain control characters",
  controlComment: "must not contain control characters other than newline and tab",
  email: "must be an email address",
  enterEmail: "Enter your email",
  enterPassword: "Enter your password",
  enterLogin: "Enter your user name or email",
  days: "must be a number of days",
  wholeDays: "must be a whole number of days",
  minDays: "must be at least {min} day",
  maxDays: "must be at most {max} days",
  minSecond: "must be at least 1 second",
  maxYear: "must be at most one year",
  wellFormed: "must be well-formed Unicode (no lone surrogate halves)",
  // A new password the strength estimate refuses (lib/validations/password-strength.ts), with its reason.
  weak: "is too easy to guess",
  weakCommon: "is too easy to guess: it is a commonly used password",
  weakKeyboard: "is too easy to guess: it follows a keyboard pattern",
  weakRepeat: "is too easy to guess: it repeats characters or words",
  weakSequence: "is too easy to guess: it is a sequence such as abc or 6543",
  weakDates: "is too easy to guess: it contains a date or a recent year",
  weakWords: "is too easy to guess: it is a common word or name on its own",
  containsEmail: "must not contain your email address or name",
  wrongCurrentPassword: "is not your current password",
  passwordsDiffer: "must repeat the password",
  webhookUrl: "must be an http or https URL without user, password or #fragment",
  idList: "must be process ids separated by commas, or empty for all processes",
  someKind: "must name at least one kind of change",
  // Change control (lib/validations/change-control.ts).
  reasonRequired: "is required: give the reason for this change",
  signatureRequired: "is required: sign with your password and the meaning of your signature",
  wrongSignaturePassword: "is not your password",
  notTimeZone: "must be a time zone such as Europe/Berlin or UTC",
} as const;

export type IssueKey = keyof typeof ISSUES;
export type IssueValues = Record<string, number>;

/** The English reason for a key, with its numbers filled in (what the schema says and the API sends). */
export function issue(key: IssueKey, values: IssueValues = {}): string {
  return ISSUES[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

const PATTERNS = (Object.keys(ISSUES) as IssueKey[]).map((key) => {
  const names: string[] = [];
  const source = ISSUES[key]
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 === 1 ? (names.push(part), "(\\d+)") : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return { key, names, pattern: new RegExp(`^${source}$`) };
});

/** The key and numbers of a reason, or undefined for a text that is not one of ours (shown as it is). */
export function issueOf(text: string): { key: IssueKey; values: IssueValues } | undefined {
  for (const { key, names, pattern } of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { key, values: Object.fromEntries(names.map((n, i) => [n, Number(match[i + 1])])) };
  }
  return undefined;
}

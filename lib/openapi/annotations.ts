import { type z } from "zod";
import { MAX_ID } from "@/lib/validations/id";
import {
  MAX_COMMENT_LENGTH,
  MAX_NAME_LENGTH,
  processCommentSchema,
  processIdSchema,
  processNameSchema,
  processSchema,
  processUpdateSchema,
  processVersionSchema,
} from "@/lib/validations/process";
import { problemSchema } from "@/lib/validations/problem";
import { processChangeSchema } from "@/lib/validations/process-history";
import { MULTI_LINE_PATTERN, singleLinePattern } from "@/lib/validations/text";
import {
  changeReasonSchema,
  MAX_REASON_LENGTH,
  signatureInputSchema,
  TIME_ZONE_PATTERN,
} from "@/lib/validations/change-control";
import {
  MAX_TOKEN_NAME_LENGTH,
  tokenCreatedSchema,
  tokenCreateSchema,
  tokenSummarySchema,
} from "@/lib/validations/token";

// What the published document says about the shared zod schemas beyond their shape: descriptions, examples,
// readOnly, and the limits zod checks with refinements that JSON Schema cannot see (lengths in code points).
// Kept here, keyed by the schema instances, so lib/validations stays about validation; the limits come from
// the same constants the schemas use.

export type Annotation = Record<string, unknown>;

const CHARACTERS =
  "Lengths count Unicode code points (an emoji is one character), after leading and trailing white space is trimmed.";

export const NAME_TEXT =
  `1 to ${MAX_NAME_LENGTH} characters. Leading and trailing white space is removed before checking and storing. ` +
  "No control characters (U+0000–U+001F, U+007F–U+009F: tab and newline included). " +
  CHARACTERS;
export const COMMENT_TEXT =
  `0 to ${MAX_COMMENT_LENGTH} characters, kept as sent (not trimmed). Newline (U+000A) and tab (U+0009) are allowed; ` +
  "other control characters (U+0000–U+001F, U+007F–U+009F, carriage return included) are refused. " +
  "Lengths count Unicode code points (an emoji is one character).";

const readOnlyTime = (description: string): Annotation => ({ readOnly: true, format: "date-time", description });

// A process exactly as GET returned it is a valid PUT body: its timestamps are accepted there and ignored.
const READ_BACK: Annotation = { readOnly: true, description: "Read-only: accepted as GET returned it, and ignored." };

const EXAMPLE_TIME = "2026-11-28T07:30:00.000Z";
export const EXAMPLE_PROCESS = {
  id: 7,
  name: "Cutting",
  comment: "Flying saw, line 2",
  version: 3,
  createdAt: EXAMPLE_TIME,
  updatedAt: "2026-11-29T10:02:13.518Z",
};
export const EXAMPLE_TOKEN = {
  id: 4,
  name: "MES line 2",
  role: "Advanced user",
  createdAt: EXAMPLE_TIME,
  expiresAt: "2027-02-26T07:30:00.000Z",
  lastUsedAt: null,
  revokedAt: null,
  machineWriter: false,
};

export const ANNOTATIONS: [z.ZodType, Annotation][] = [
  [
    changeReasonSchema,
    {
      minLength: 1,
      pattern: singleLinePattern(MAX_REASON_LENGTH),
      description: `Why the change is made (change control). The rules of a name, 1 to ${MAX_REASON_LENGTH} characters.`,
      examples: ["Deviation DV-1234"],
    },
  ],
  [
    signatureInputSchema,
    {
      description:
        "An electronic signature (when the policy asks for one): the signer's password re-entered, the meaning of " +
        "the signature, and the signer's IANA time zone for its manifestation (UTC when left out; one the server " +
        "does not know is 1001 at `/signature/timeZone`). Never stored. A wrong password is 1001 at " +
        "`/signature/password` and counts as a failed sign-in. Ignored while signatures are off.",
    },
  ],
  [signatureInputSchema.shape.timeZone.unwrap(), { pattern: TIME_ZONE_PATTERN, examples: ["Europe/Berlin"] }],
  [processIdSchema, { description: `A process id: an integer from 1 to ${MAX_ID}.`, examples: [7] }],
  [
    processNameSchema,
    {
      minLength: 1,
      pattern: singleLinePattern(MAX_NAME_LENGTH),
      description: NAME_TEXT,
      examples: ["Cutting"],
    },
  ],
  [
    processCommentSchema,
    { maxLength: MAX_COMMENT_LENGTH, pattern: MULTI_LINE_PATTERN, description: COMMENT_TEXT, examples: ["Flying saw"] },
  ],
  [
    processSchema.shape.version,
    {
      readOnly: true,
      minimum: 1,
      maximum: 2_147_483_647,
      description: "Grows by one with every change of the process.",
    },
  ],
  [processChangeSchema.shape.version, { minimum: 1, maximum: 2_147_483_647 }],
  [processSchema.shape.createdAt, readOnlyTime("When the process was created (UTC).")],
  [processSchema.shape.updatedAt, readOnlyTime("When the process last changed (UTC).")],
  [processSchema, { examples: [EXAMPLE_PROCESS] }],
  [
    processVersionSchema,
    {
      description:
        "The version read (precondition): the write is refused with 1007 (409) when the process has moved on. Leave it out to write whatever the version.",
      examples: [3],
    },
  ],
  // No `format`: any string is accepted here and ignored (a validator asserting date-time would refuse what the
  // server takes; found by the property tests).
  [processUpdateSchema.shape.createdAt.unwrap(), READ_BACK],
  [processUpdateSchema.shape.updatedAt.unwrap(), READ_BACK],
  [tokenSummarySchema.shape.id, { readOnly: true, description: "The token's id (for revoking it)." }],
  [tokenSummarySchema.shape.createdAt, readOnlyTime("When the token was created (UTC).")],
  [tokenSummarySchema.shape.expiresAt, readOnlyTime("After this instant the token is refused with 2002.")],
  [tokenSummarySchema.shape.lastUsedAt, readOnlyTime("The last request made with it; null if never used.")],
  [tokenSummarySchema.shape.revokedAt, readOnlyTime("When it was revoked; null while it is valid.")],
  [tokenSummarySchema, { examples: [EXAMPLE_TOKEN] }],
  [
    tokenCreatedSchema.shape.secret,
    { readOnly: true, description: "The token to send as `Authorization: Bearer …`. Shown in this answer only." },
  ],
  [
    tokenCreateSchema.shape.name,
    {
      minLength: 1,
      pattern: singleLinePattern(MAX_TOKEN_NAME_LENGTH),
      description: `The rules of a process name: ${NAME_TEXT.replace(String(MAX_NAME_LENGTH), String(MAX_TOKEN_NAME_LENGTH))}`,
    },
  ],
  [
    tokenCreateSchema.shape.expiresInSeconds,
    { description: "Lifetime in seconds: at least 1, at most one year; 90 days when left out." },
  ],
  [tokenCreateSchema, { examples: [{ name: "MES line 2", role: "Advanced user", expiresInSeconds: 7776000 }] }],
  [problemSchema.shape.type, { description: "`/api/v1/errors#<code>` for coded errors, `about:blank` otherwise." }],
  [problemSchema.shape.title, { description: "Fixed per code (the contract's wording, verbatim)." }],
  [problemSchema.shape.detail, { description: "What went wrong in this request, in English." }],
  [problemSchema.shape.code, { description: "The error code; absent on answers outside the code table." }],
  [
    problemSchema.shape.errors,
    {
      description:
        "One entry per invalid field: `pointer` is a JSON Pointer (RFC 6901) into the request body, or `/path/id` for the id in the path.",
    },
  ],
  [problemSchema.shape.requestId, { description: "The answer's X-Request-Id, also in the server's log line." }],
  [
    processChangeSchema.shape.kind,
    {
      description:
        "What happened to the process, whoever did it (also inserts and deletes made in the database directly). " +
        "A deletion carries the last values, also in `previous`, and the last version.",
    },
  ],
];

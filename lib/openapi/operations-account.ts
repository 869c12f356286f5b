import type { RouteKey } from "@/lib/api/routes";
import type { OperationSpec } from "@/lib/openapi/operation-spec";
import { toJsonSchema } from "@/lib/openapi/schemas";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT, auditFilterSchema } from "@/lib/validations/audit";

// The document's words for the account routes (a session's own person) and the audit log (Super users).

type AccountKey = Extract<RouteKey, `${string} /api/v1/account${string}` | `${string} /api/v1/audit${string}`>;

const SESSION_ONLY =
  "For a signed-in person (the session cookie): an API token is refused with 3001, whatever its role.";

const EXAMPLE_ACCOUNT = {
  id: 3,
  email: "anna@plant.example",
  name: "Anna Petrova",
  role: "Advanced user",
  source: "local",
  locale: "ru",
  lastSignInAt: "2026-12-06T07:30:00.000Z",
};
const EXAMPLE_SESSION = {
  id: "q0Yh2cTQ9PZs1v5mVxL3Aw",
  device: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) … Chrome/131.0",
  ip: "10.1.4.22",
  createdAt: "2026-12-06T07:30:00.000Z",
  lastSeenAt: "2026-12-06T09:12:00.000Z",
  expiresAt: "2026-12-06T19:30:00.000Z",
  current: true,
};
const EXAMPLE_EVENT = {
  id: 41,
  at: "2026-12-06T07:29:55.000Z",
  action: "sign-in.failed",
  actor: { type: "anonymous", id: null, name: null },
  target: { type: "user", id: null, name: "anna@plant.example" },
  ip: "10.1.4.22",
  requestId: "7f9c1c1e-3c55-4b8e-9d0e-2a6f8c1d9b11",
  detail: { reason: "wrong-credentials" },
};

const filterParameters: NonNullable<OperationSpec["parameters"]> = [
  {
    in: "query",
    name: "person",
    description: "Part of the actor's or the target's email or name (case does not matter for Latin letters).",
    schema: toJsonSchema(auditFilterSchema.shape.person, "input"),
  },
  {
    in: "query",
    name: "action",
    description: `One of: ${AUDIT_ACTIONS.map((a) => `\`${a}\``).join(", ")}.`,
    schema: toJsonSchema(auditFilterSchema.shape.action, "input"),
  },
  {
    in: "query",
    name: "from",
    description: "Events at or after this instant (ISO 8601 with a time zone, `2026-12-06T00:00:00Z`).",
    schema: { type: "string", format: "date-time" },
  },
  {
    in: "query",
    name: "to",
    description: "Events before this instant (ISO 8601 with a time zone).",
    schema: { type: "string", format: "date-time" },
  },
];

const FILTERS =
  "A query parameter given twice, or one not listed here, is 1001. Every event records its actor (`user`, " +
  "`token`, `system` for the CLI, `anonymous` for a refused sign-in), its target, the client's address and the " +
  "request id; `detail` holds a refusal's reason (`wrong-credentials`, `limited`, `busy`, `disabled`) and " +
  "similar, never a password or a secret.";

export const ACCOUNT_OPERATIONS: Record<AccountKey, OperationSpec> = {
  "GET /api/v1/account": {
    tag: "Account",
    summary: "One's own account",
    description: SESSION_ONLY,
    answers: [
      { status: 200, schema: "AccountAnswer", description: "The account.", example: { account: EXAMPLE_ACCOUNT } },
    ],
  },
  "PATCH /api/v1/account": {
    tag: "Account",
    summary: "Set one's language",
    description:
      "`locale` `ru` or `en`, or `null` to follow the browser (Accept-Language). The answer sets the `locale` " +
      "cookie the pages read (or clears it); each later sign-in sets it again from the account. " +
      SESSION_ONLY,
    body: { schema: "AccountUpdate", example: { locale: "ru" } },
    answers: [{ status: 200, schema: "AccountAnswer", description: "The account as changed." }],
  },
  "PUT /api/v1/account/password": {
    tag: "Account",
    summary: "Change one's own password",
    description:
      "The current password is required: a wrong one is 1001 pointing at `/currentPassword` and changes nothing; " +
      "it counts as a failed sign-in of this address and email, so past the sign-in limits the answer is 6001. " +
      "The new password has 12 to 200 characters and must not be easy to guess (a strength estimate; a weak one " +
      "is 1001 at `/newPassword` saying why) nor contain one's email or name. On success every other session of " +
      "the person ends; this one stays. Accounts of a directory (LDAP, OIDC) change their password there (3001). " +
      SESSION_ONLY,
    body: {
      schema: "PasswordChange",
      example: { currentPassword: "the one used to sign in", newPassword: "plum-kettle-orbit-42" },
    },
    answers: [
      {
        status: 200,
        schema: "PasswordChanged",
        description: "Changed; how many other sessions ended.",
        example: { endedSessions: 2 },
      },
    ],
  },
  "GET /api/v1/account/sessions": {
    tag: "Account",
    summary: "One's own sessions",
    description:
      "Newest first: the browser (User-Agent) and address at sign-in, when it started, when it was last seen " +
      "(updated at most once a minute), when it ends at the latest; `current` marks this request's. " +
      SESSION_ONLY,
    answers: [
      {
        status: 200,
        schema: "AccountSessionList",
        description: "The sessions.",
        example: { sessions: [EXAMPLE_SESSION] },
      },
    ],
  },
  "DELETE /api/v1/account/sessions/{sessionId}": {
    tag: "Account",
    summary: "End one of one's own sessions",
    description:
      "The browser holding it is signed out within 2 s (at once on this server). Ending the current one signs " +
      "this browser out. Another person's session, or one already ended, is 1005. " +
      SESSION_ONLY,
    parameters: [
      {
        in: "path",
        name: "sessionId",
        description: "A session's `id` as listed; anything else is 1001 with the pointer `/path/sessionId`.",
        schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
      },
    ],
    answers: [{ status: 200, schema: "AccountSessionEnded", description: "The session that ended." }],
    errors: [[1001, 400], 1005],
  },
  "GET /api/v1/audit": {
    tag: "Audit",
    summary: "Security events, newest first",
    description:
      "Filtered by `person`, `action` and a time range (`from`, `to`); paged: pass the answer's `nextCursor` as " +
      "`cursor` for the next (older) page, until it is `null`. " +
      FILTERS,
    parameters: [
      ...filterParameters,
      {
        in: "query",
        name: "cursor",
        description: "The previous page's `nextCursor`: only older events. Digits without sign or leading zero.",
        schema: { type: "integer", minimum: 1, maximum: 2_147_483_647 },
      },
      {
        in: "query",
        name: "limit",
        description: `At most this many events (default ${AUDIT_DEFAULT_LIMIT}, at most ${AUDIT_MAX_LIMIT}).`,
        schema: { type: "integer", minimum: 1, maximum: AUDIT_MAX_LIMIT, default: AUDIT_DEFAULT_LIMIT },
      },
    ],
    answers: [
      {
        status: 200,
        schema: "AuditPage",
        description: "One page of events.",
        example: { events: [EXAMPLE_EVENT], nextCursor: "41" },
      },
    ],
    errors: [[1001, 400]],
  },
  "GET /api/v1/audit.csv": {
    tag: "Audit",
    summary: "Security events as CSV",
    description:
      "Every event matching the filters (no paging), newest first, as CSV: UTF-8 with a byte order mark, " +
      "comma-separated, CRLF, a header row (`id,at,action,actorType,actorId,actorName,targetType,targetId," +
      "targetName,ip,requestId,detail`; `detail` as JSON). A value a spreadsheet would take for a formula " +
      "(starting with `=`, `+`, `-`, `@`, tab or carriage return) is written with a leading `'`. " +
      FILTERS,
    parameters: filterParameters,
    answers: [
      {
        status: 200,
        mediaType: "text/csv",
        description: "The CSV file (`Content-Disposition: attachment`).",
        headers: ["Cache-Control"],
      },
    ],
    errors: [[1001, 400]],
  },
};

import type { RouteKey } from "@/lib/api/routes";
import { EXAMPLE_PROCESS, EXAMPLE_TOKEN } from "@/lib/openapi/annotations";
import { USER_OPERATIONS } from "@/lib/openapi/user-operations";
import { toJsonSchema } from "@/lib/openapi/schemas";
import type { OperationSpec } from "@/lib/openapi/operation-spec";
import { MAX_BULK_ITEMS } from "@/lib/validations/process";
import { processListQuerySchema } from "@/lib/validations/process-listing";
import { HISTORY_DEFAULT_LIMIT, HISTORY_MAX_LIMIT } from "@/lib/validations/process-history";
import { ACCOUNT_OPERATIONS } from "@/lib/openapi/operations-account";
import { TRAIL_OPERATIONS } from "@/lib/openapi/operations-trail";
import { APPROVAL_TEXT, CHANGE_REQUEST_OPERATIONS, HELD_FOR_APPROVAL } from "@/lib/openapi/operations-change-requests";
import { WEBHOOK_OPERATIONS } from "@/lib/openapi/webhook-operations";
import {
  CHANGE_CONTROL_OPERATIONS,
  CHANGE_CONTROL_TEXT,
  CHANGE_REASON_PARAMETER,
} from "@/lib/openapi/operations-change-control";

// What the document says about each route of the route table (lib/api/routes.ts) beyond its schemas. The
// errors an operation can answer are derived (credentials → 401/403/429/503, a body or a path id → 1001);
// `errors` lists the others. A new route is one entry here; a test fails while one is missing.

export type { Answer, OperationSpec } from "@/lib/openapi/operation-spec";

const NO_OP =
  "A re-sync is free: an item whose `name` and `comment` equal the stored ones is not written (no new version, no " +
  "history row, no event), though its `version` must still match; `X-Changed-Count` says how many items were written.";

const ALL_OR_NOTHING =
  `All or nothing: one transaction; if any item is refused nothing is written, and the problem's \`errors\` ` +
  `point at every refused item (\`/processes/3/name\`). An id that does not exist is 1001 pointing at ` +
  `\`/processes/<n>/id\` (not 1005); an id repeated is 1001 too. 1 to ${MAX_BULK_ITEMS} items. An item's ` +
  `\`version\` is its precondition: when one is stale nothing is written and the answer is 1007 (409), with ` +
  `\`errors\` pointing at each stale \`/processes/<n>/version\` and \`current\` holding those processes as they are now. ` +
  NO_OP;

const IF_NONE_MATCH: NonNullable<OperationSpec["parameters"]>[number] = {
  in: "header",
  name: "If-None-Match",
  description: "The `ETag` of the list last read: 304 while it has not changed.",
  schema: { type: "string" },
};

const EVENTS =
  "Event `process` for every change of a process, whoever made it (the application or a change to the " +
  "database directly: updates, inserts, deletes, and on PostgreSQL a TRUNCATE as the deletion of every process), " +
  "with `kind` created, updated or deleted. The event id is `<epoch>:<history id>`: the database's epoch (chosen " +
  "when it was created or restored) and the history row's id. A client that reconnects with `Last-Event-ID` " +
  "first gets what it missed, in order, read from the database as it reads; one `reset` event (fetch the list " +
  "again; its id is where the stream goes on from) instead when more than 10,000 changes were missed, when the " +
  "id is beyond the newest change, or from another epoch (a restored or replaced database), or a plain number " +
  "(an id from before ids carried the epoch). A reader that falls more than `EVENT_STREAM_QUEUE_BYTES` (1 MB) " +
  "behind is disconnected; it resumes with `Last-Event-ID`. The stream ends when the caller's access does (a " +
  "revoked token within 5 s, an ended session within 2 s). Streams open per caller and per server are capped " +
  "(6001, default 20 per caller: a page needs one per browser tab). `HEAD` answers as `GET` would, without a " +
  "stream. Comments (`: heartbeat`) keep the connection open. Opening the stream counts once against the rate limit.";

export const OPERATIONS: Record<RouteKey, OperationSpec> = {
  "GET /api/v1/processes": {
    tag: "Processes",
    summary: "List all processes",
    description:
      "Every process, ordered by id. The `ETag` changes whenever the list does (also when the database is changed " +
      "outside the application); poll with `If-None-Match` to get 304 while nothing changed. With " +
      "`include=lastChange` each item also has `lastChange`: when its newest change was made and by whom " +
      "(`null` for a process without history), read with the list in one query; that answer has its own `ETag`. " +
      "Without the parameter the answer is the plain list.",
    parameters: [
      {
        in: "query",
        name: "include",
        description: "`lastChange`: add each process's newest change (`changedAt`, `changedBy`) to its item.",
        schema: toJsonSchema(processListQuerySchema.shape.include, "input"),
      },
      IF_NONE_MATCH,
    ],
    answers: [
      {
        status: 200,
        schema: "ProcessListing",
        description: "The processes.",
        example: { processes: [EXAMPLE_PROCESS] },
        headers: ["ETag"],
      },
      {
        status: 304,
        description: "Unchanged since the `ETag` sent in `If-None-Match`; no body.",
        headers: ["ETag", "Cache-Control"],
      },
    ],
    errors: [[1001, 400]],
  },
  "PUT /api/v1/processes": {
    tag: "Processes",
    summary: "Update many processes",
    description: ALL_OR_NOTHING + CHANGE_CONTROL_TEXT + APPROVAL_TEXT,
    parameters: [CHANGE_REASON_PARAMETER],
    body: {
      schema: "ProcessesUpdate",
      example: {
        processes: [
          { id: 7, name: "Cutting", comment: "Flying saw, line 2", version: 3 },
          { id: 8, name: "Welding", comment: "" },
        ],
      },
    },
    answers: [
      {
        status: 200,
        schema: "ProcessList",
        description: "The processes, ordered by id: the written ones at their new version, the others as they are.",
        headers: ["X-Changed-Count"],
      },
      HELD_FOR_APPROVAL,
    ],
    errors: [[1007, 409, "bulk"]],
  },
  "GET /api/v1/processes/{id}": {
    tag: "Processes",
    summary: "Read one process",
    description:
      'Answers `ETag: "<version>"`, the precondition for `If-Match` on PUT; send it in `If-None-Match` to get 304 ' +
      "while the process has not changed.",
    parameters: [
      {
        in: "header",
        name: "If-None-Match",
        description:
          'The `ETag` read (`"3"`): 304 while the process is at that version. Weak comparison; `*` always matches.',
        schema: { type: "string" },
      },
    ],
    answers: [
      { status: 200, schema: "Process", description: "The process.", example: EXAMPLE_PROCESS, headers: ["ETag"] },
      {
        status: 304,
        description: "Unchanged since the `ETag` sent in `If-None-Match`; no body.",
        headers: ["ETag", "Cache-Control"],
      },
    ],
    errors: [1005],
  },
  "GET /api/v1/processes/{id}/history": {
    tag: "Processes",
    summary: "One process's changes, newest first",
    description:
      "Every change made through the application or to the database directly (`changedBy.type` `unknown`), " +
      `newest first. Page with \`before\` = the \`id\` of the last change received. An unknown process is 1005 ` +
      "with or without `before`; a query parameter given twice, or one not listed here, is 1001.",
    parameters: [
      {
        in: "query",
        name: "before",
        description: "Only changes with a smaller `id` (the next page). Digits without sign or leading zero.",
        schema: { type: "integer", minimum: 1, maximum: 2_147_483_647 },
      },
      {
        in: "query",
        name: "limit",
        description: `At most this many changes (default ${HISTORY_DEFAULT_LIMIT}, at most ${HISTORY_MAX_LIMIT}). Digits without sign or leading zero.`,
        schema: { type: "integer", minimum: 1, maximum: HISTORY_MAX_LIMIT, default: HISTORY_DEFAULT_LIMIT },
      },
    ],
    answers: [{ status: 200, schema: "ProcessHistory", description: "The changes, newest first." }],
    errors: [1005],
  },
  "GET /api/v1/processes/events": {
    tag: "Processes",
    summary: "Every change as Server-Sent Events",
    description: EVENTS,
    parameters: [
      {
        in: "header",
        name: "Last-Event-ID",
        description:
          "The `id` of the last event received (`<epoch>:<change id>`): the stream starts with what came after it. " +
          "A change id above 2147483647 is 1001.",
        schema: { type: "string", pattern: "^([A-Za-z0-9]{1,32}:)?[0-9]{1,20}$" },
      },
    ],
    answers: [
      {
        status: 200,
        mediaType: "text/event-stream",
        description:
          "A stream that stays open; the `data` of each event is JSON (`x-events`: its schema by event name).",
        headers: ["Cache-Control"],
      },
    ],
    errors: [[1001, 400]],
  },
  "PUT /api/v1/processes/{id}": {
    tag: "Processes",
    summary: "Update one process",
    description:
      "The body may repeat the `id`, but only equal to the path's (1001 pointing at `/id` otherwise). A process " +
      "exactly as GET returned it is a valid body: its `version` is the precondition (409, 1007, when the process " +
      'has moved on), `createdAt` and `updatedAt` are ignored. `If-Match: "<version>"` is the same precondition ' +
      "as a header (412, 1007). The refusal's `current` is the process as it is now. A body equal to the stored " +
      "`name` and `comment` writes nothing (same version and `ETag`, no history row, no event), once its " +
      "precondition matched: a re-sync is free." +
      CHANGE_CONTROL_TEXT,
    parameters: [
      {
        in: "header",
        name: "If-Match",
        description:
          'The `ETag` read (`"3"`), several separated by commas, or `*`. Any well-formed entity-tag list is accepted ' +
          "(RFC 9110): a tag that names no current version (also a weak one, or one that is no version at all) is 412 " +
          "1007; only a header that is no entity-tag list is 1001.",
        schema: { type: "string" },
      },
      CHANGE_REASON_PARAMETER,
    ],
    body: { schema: "ProcessUpdate", example: { name: "Cutting", comment: "Flying saw, line 2", version: 3 } },
    answers: [
      {
        status: 200,
        schema: "Process",
        description: "The updated process.",
        example: EXAMPLE_PROCESS,
        headers: ["ETag"],
      },
      HELD_FOR_APPROVAL,
    ],
    errors: [1005, 1007],
  },
  "GET /api/v1/tokens": {
    tag: "Tokens",
    summary: "List API tokens",
    description: "Every token, revoked and expired ones included; never a secret.",
    answers: [{ status: 200, schema: "TokenList", description: "The tokens.", example: { tokens: [EXAMPLE_TOKEN] } }],
  },
  "POST /api/v1/tokens": {
    tag: "Tokens",
    summary: "Create an API token",
    description: "The secret is in this answer only; the server keeps its hash.",
    body: { schema: "TokenCreate", example: { name: "MES line 2", role: "Advanced user", expiresInSeconds: 7776000 } },
    answers: [
      {
        status: 201,
        schema: "TokenCreated",
        description: "The token and its secret.",
        example: { token: EXAMPLE_TOKEN, secret: "ppt_…" },
      },
    ],
  },
  "DELETE /api/v1/tokens/{id}": {
    tag: "Tokens",
    summary: "Revoke an API token",
    description: "Requests with it are refused (2004) from then on; revoking it again keeps the first revocation time.",
    answers: [{ status: 200, schema: "TokenRevoked", description: "The revoked token." }],
    errors: [1005],
  },
  ...USER_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...ACCOUNT_OPERATIONS,
  ...TRAIL_OPERATIONS,
  ...CHANGE_CONTROL_OPERATIONS,
  ...CHANGE_REQUEST_OPERATIONS,
  "GET /api/v1/errors": {
    tag: "Service",
    summary: "The error code table",
    description: "The `type` of every coded problem answer points here (`/api/v1/errors#1001`).",
    answers: [{ status: 200, schema: "ErrorTable", description: "Every code with its HTTP status and title." }],
  },
  "GET /api/v1/openapi.json": {
    tag: "Service",
    summary: "This document",
    description: "OpenAPI 3.1, generated at start from the server's own schemas. Cacheable: send `If-None-Match`.",
    answers: [
      { status: 200, description: "The document.", headers: ["ETag", "Cache-Control"] },
      {
        status: 304,
        description: "Unchanged since the `ETag` sent in `If-None-Match`.",
        headers: ["ETag", "Cache-Control"],
      },
    ],
  },
  "GET /api/health": {
    tag: "Service",
    summary: "Health, for load balancers",
    description:
      "`trail`: the tamper-evident trail as this server last verified it (every `TRAIL_VERIFY_INTERVAL_SECONDS`; " +
      "`unchecked` before that or with checks off); a break names the table, the row and what is wrong, and " +
      "does not change the status. " +
      "`storage` (when the database answers): the bytes the database takes, the bytes free on its volume " +
      "(SQLite; `null` on PostgreSQL, whose volume is the database server's), and `warnings` when the free space " +
      "is below `DISK_FREE_WARN_MB` or the database is larger than `DATABASE_SIZE_WARN_MB`. Warnings do not " +
      "change the status: the service still answers.",
    answers: [
      { status: 200, schema: "Health", description: "The database answers." },
      { status: 503, schema: "Health", description: "The database does not answer (with `Retry-After`)." },
    ],
  },
  "GET /api/health/live": {
    tag: "Service",
    summary: "Liveness",
    description: "The process answers; nothing else is checked (a supervisor restarts the instance when this fails).",
    answers: [{ status: 200, schema: "Liveness", description: "The process answers." }],
  },
  "GET /api/health/ready": {
    tag: "Service",
    summary: "Readiness, for load balancers",
    description:
      "200 when this instance can serve: its start prepared the database (migrations, first user), the database " +
      "answers within `DB_TIMEOUT_MS` and takes a write (a no-op update), and every migration the release ships " +
      "is applied. Otherwise 503 with `Retry-After` and `problems` naming what is missing.",
    answers: [
      { status: 200, schema: "Readiness", description: "Ready." },
      { status: 503, schema: "Readiness", description: "Not ready (with `Retry-After`)." },
    ],
  },
  "GET /metrics": {
    tag: "Service",
    summary: "Metrics for Prometheus (operations)",
    description:
      "Prometheus text format (requests, latency, rate-limit refusals, database errors, pool, event streams, " +
      "delivery lag, list cache, sign-in failures, backups, build). 404 unless `METRICS_TOKEN` or `METRICS_ALLOW` " +
      "is set; then `Authorization: Bearer <METRICS_TOKEN>` and/or a client address in `METRICS_ALLOW`.",
    internal: true,
    answers: [{ status: 200, mediaType: "text/plain", description: "The metrics, `text/plain; version=0.0.4`." }],
    errors: [2004, 3001],
    httpErrors: [404],
  },
  "GET /api/bench/ceiling": {
    tag: "Service",
    summary: "Benchmark ceiling (internal)",
    description: "Constant JSON shaped like `rows` processes; 404 unless the server runs with BENCH_CEILING_ROUTE.",
    internal: true,
    parameters: [
      {
        in: "query",
        name: "rows",
        description: "How many processes to return.",
        schema: { type: "integer", minimum: 0, maximum: 10000, default: 100 },
      },
    ],
    answers: [{ status: 200, schema: "ProcessList", description: "Constant processes." }],
    errors: [1001],
    httpErrors: [404],
  },
  "PUT /api/v1/presence/{page}": {
    tag: "Service",
    summary: "Presence of an open processes page (internal)",
    description:
      "The settings page says, every 5 s, that it is open and which rows it edits; people's event streams get " +
      "`presence` events. For signed-in people only.",
    internal: true,
    answers: [{ status: 200, description: "Counted for `ttlSeconds`." }],
    errors: [1001, 3001],
  },
  "DELETE /api/v1/presence/{page}": {
    tag: "Service",
    summary: "An open processes page left (internal)",
    internal: true,
    answers: [{ status: 200, description: "No longer counted." }],
    errors: [1001, 3001],
  },
  "POST /api/auth/oidc/backchannel-logout": {
    tag: "Service",
    summary: "OIDC back-channel logout (internal)",
    description: "The identity provider posts a form-encoded `logout_token`; 200 ends the sessions it names.",
    internal: true,
    answers: [{ status: 200, description: "The sessions the token names ended." }],
    errors: [1001],
  },
};

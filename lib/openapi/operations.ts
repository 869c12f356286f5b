import type { RouteKey } from "@/lib/api/routes";
import type { ErrorCode } from "@/lib/errors";
import { EXAMPLE_PROCESS, EXAMPLE_TOKEN } from "@/lib/openapi/annotations";
import type { HttpOnlyStatus } from "@/lib/openapi/problems";
import type { REQUEST_SCHEMAS, SchemaName } from "@/lib/openapi/schemas";
import { MAX_BULK_ITEMS } from "@/lib/validations/process";

// What the document says about each route of the route table (lib/api/routes.ts) beyond its schemas. The
// errors an operation can answer are derived (credentials → 401/403/429/503, a body or a path id → 1001);
// `errors` lists the others. A new route is one entry here; a test fails while one is missing.

export type Answer = { status: number; schema?: SchemaName; description: string; example?: unknown };

export type OperationSpec = {
  tag: "Processes" | "Tokens" | "Service";
  summary: string;
  description?: string;
  body?: { schema: keyof typeof REQUEST_SCHEMAS; example: unknown };
  /** The answers besides the errors (the first is the success). */
  answers: Answer[];
  errors?: ErrorCode[];
  /** Answers outside the code table besides 500 (which every operation can give). */
  httpErrors?: HttpOnlyStatus[];
  /** Query parameters (JSON Schema each). */
  query?: { name: string; description: string; schema: Record<string, unknown> }[];
  /** Not meant for integrators (shown, marked `x-internal`). */
  internal?: boolean;
};

const ALL_OR_NOTHING =
  `All or nothing: one transaction; if any item is refused nothing is written, and the problem's \`errors\` ` +
  `point at every refused item (\`/processes/3/name\`). An id that does not exist is 1001 pointing at ` +
  `\`/processes/<n>/id\` (not 1005); an id repeated is 1001 too. 1 to ${MAX_BULK_ITEMS} items.`;

export const OPERATIONS: Record<RouteKey, OperationSpec> = {
  "GET /api/v1/processes": {
    tag: "Processes",
    summary: "List all processes",
    description: "Every process, ordered by id.",
    answers: [
      { status: 200, schema: "ProcessList", description: "The processes.", example: { processes: [EXAMPLE_PROCESS] } },
    ],
  },
  "PUT /api/v1/processes": {
    tag: "Processes",
    summary: "Update many processes",
    description: ALL_OR_NOTHING,
    body: {
      schema: "ProcessesUpdate",
      example: {
        processes: [
          { id: 7, name: "Cutting", comment: "Flying saw, line 2" },
          { id: 8, name: "Welding", comment: "" },
        ],
      },
    },
    answers: [{ status: 200, schema: "ProcessList", description: "The updated processes, in the order sent." }],
  },
  "PUT /api/v1/processes/{id}": {
    tag: "Processes",
    summary: "Update one process",
    description: "The body may repeat the `id`, but only equal to the path's (1001 pointing at `/id` otherwise).",
    body: { schema: "ProcessUpdate", example: { name: "Cutting", comment: "Flying saw, line 2" } },
    answers: [{ status: 200, schema: "Process", description: "The updated process.", example: EXAMPLE_PROCESS }],
    errors: [1005],
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
      { status: 200, description: "The document." },
      { status: 304, description: "Unchanged since the `ETag` sent in `If-None-Match`." },
    ],
  },
  "GET /api/health": {
    tag: "Service",
    summary: "Health, for load balancers",
    answers: [
      { status: 200, schema: "Health", description: "The database answers." },
      { status: 503, schema: "Health", description: "The database does not answer (with `Retry-After`)." },
    ],
  },
  "GET /api/bench/ceiling": {
    tag: "Service",
    summary: "Benchmark ceiling (internal)",
    description: "Constant JSON shaped like `rows` processes; 404 unless the server runs with BENCH_CEILING_ROUTE.",
    internal: true,
    query: [
      {
        name: "rows",
        description: "How many processes to return.",
        schema: { type: "integer", minimum: 0, maximum: 10000, default: 100 },
      },
    ],
    answers: [{ status: 200, schema: "ProcessList", description: "Constant processes." }],
    errors: [1001],
    httpErrors: [404],
  },
};

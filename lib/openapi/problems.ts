import { HTTP_TITLES, type HttpOnlyStatus } from "@/lib/api/problem";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { EXAMPLE_PROCESS } from "@/lib/openapi/annotations";
import { type JsonSchema, schemaRef } from "@/lib/openapi/schemas";

// Every error code of the closed table (lib/errors.ts) as an RFC 9457 problem schema with its exact title,
// and the answers outside the table (no `code`). Both are generated from the tables themselves: a new code is
// an entry in ERROR_CODES plus the operations that can answer it (lib/openapi/operations.ts).

/** Where a code's HTTP status is more precise than the table's (lib/api/read-json.ts). */
const EXTRA_STATUSES: Partial<Record<ErrorCode, number[]>> = { 1001: [413, 415], 1007: [412] };

/** Members a code adds to the problem (1007: the current state, so the client can merge and retry). */
const EXTRA_MEMBERS: Partial<Record<ErrorCode, Record<string, JsonSchema>>> = {
  1007: { current: { description: "The process as it is now.", ...schemaRef("Process") } },
};

/** PUT /processes's 1007: every stale item's pointer, and those processes as they are now. */
const BULK_1007_MEMBERS: Record<string, JsonSchema> = {
  current: {
    description: "The processes whose version was stale, as they are now (in the order of `errors`).",
    type: "array",
    items: schemaRef("Process"),
    minItems: 1,
  },
  errors: {
    description: "One entry per stale item: `/processes/<n>/version`.",
    type: "array",
    items: {
      type: "object",
      properties: { pointer: { type: "string" }, detail: { type: "string" } },
      required: ["pointer", "detail"],
    },
    minItems: 1,
  },
};

export const statusesOf = (code: ErrorCode): number[] => [ERROR_CODES[code].status, ...(EXTRA_STATUSES[code] ?? [])];

export const problemName = (code: ErrorCode | HttpOnlyStatus, bulk = false) =>
  code in ERROR_CODES ? `Problem${code}${bulk ? "Bulk" : ""}` : `HttpProblem${code}`;

// Each problem schema fixes `code` to one constant (answers outside the table have none: 0 in the type), so a
// generated client narrows the error type on `error.code === 1007` and reads `error.current.version`.
function codeSchema(code: ErrorCode, members: Record<string, JsonSchema> = EXTRA_MEMBERS[code] ?? {}): JsonSchema {
  const { title } = ERROR_CODES[code];
  const statuses = statusesOf(code);
  return {
    allOf: [schemaRef("Problem")],
    description: `${code}: ${title}`,
    properties: {
      type: { const: `/api/v1/errors#${code}` },
      title: { const: title },
      status: statuses.length === 1 ? { const: statuses[0] } : { enum: statuses },
      code: { const: code },
      ...members,
    },
    required: ["type", "title", "status", "code", "detail", "requestId", ...Object.keys(members)],
  };
}

function httpSchema(status: HttpOnlyStatus): JsonSchema {
  return {
    allOf: [schemaRef("Problem")],
    description: `${status} ${HTTP_TITLES[status]}, outside the code table: no \`code\` member.`,
    properties: {
      type: { const: "about:blank" },
      title: { const: HTTP_TITLES[status] },
      status: { const: status },
      // Never sent (`not: required`), yet declared: a generated client can only compare `error.code` when every
      // error type has it, and a constant outside the table (0) keeps `error.code === 1007` narrowing to 1007.
      // (A `null` or `false` schema would not do: openapi-fetch drops members typed null or never.)
      code: { const: 0, description: "Never sent: answers outside the code table have no `code`." },
    },
    required: ["type", "title", "status", "detail"],
    not: { required: ["code"] },
  };
}

/** 1007 as PUT /processes answers it: always 409 (a bulk has no If-Match), the stale items in an array. */
function bulkConflictSchema(): JsonSchema {
  const schema = codeSchema(1007, BULK_1007_MEMBERS);
  const properties = { ...(schema.properties as Record<string, JsonSchema>), status: { const: 409 } };
  return { ...schema, description: "1007 of PUT /processes", properties };
}

export function problemSchemas(): Record<string, JsonSchema> {
  const codes = Object.keys(ERROR_CODES).map(Number) as ErrorCode[];
  const statuses = Object.keys(HTTP_TITLES).map(Number) as HttpOnlyStatus[];
  return Object.fromEntries([
    ...codes.map((code) => [problemName(code), codeSchema(code)]),
    [problemName(1007, true), bulkConflictSchema()],
    ...statuses.map((status) => [problemName(status), httpSchema(status)]),
  ]);
}

/** An example answer for a code at a status, as the server writes it (members in its order). */
export function problemExample(
  code: ErrorCode | HttpOnlyStatus,
  status: number,
  detail: string,
  extra: { errors?: { pointer: string; detail: string }[]; current?: unknown } = {},
) {
  const coded = code in ERROR_CODES;
  return {
    type: coded ? `/api/v1/errors#${code}` : "about:blank",
    title: coded ? ERROR_CODES[code as ErrorCode].title : HTTP_TITLES[code as HttpOnlyStatus],
    status,
    detail,
    ...(coded ? { code } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
    requestId: "3f6c1e0a-8d2b-4d47-9c1e-5b7a2f0d9e41",
    ...(extra.current !== undefined ? { current: extra.current } : code === 1007 ? { current: EXAMPLE_PROCESS } : {}),
  };
}

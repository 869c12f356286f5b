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
  1007: {
    current: {
      description:
        "The current state: the process (PUT /processes/{id}), or the processes whose version was stale (PUT /processes).",
      anyOf: [schemaRef("Process"), { type: "array", items: schemaRef("Process") }],
    },
  },
};

export const statusesOf = (code: ErrorCode): number[] => [ERROR_CODES[code].status, ...(EXTRA_STATUSES[code] ?? [])];

export const problemName = (code: ErrorCode | HttpOnlyStatus) =>
  code in ERROR_CODES ? `Problem${code}` : `HttpProblem${code}`;

function codeSchema(code: ErrorCode): JsonSchema {
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
      ...EXTRA_MEMBERS[code],
    },
    required: ["type", "title", "status", "code", "detail", "requestId", ...Object.keys(EXTRA_MEMBERS[code] ?? {})],
  };
}

function httpSchema(status: HttpOnlyStatus): JsonSchema {
  return {
    allOf: [schemaRef("Problem")],
    description: `${status} ${HTTP_TITLES[status]}, outside the code table: no \`code\` member.`,
    properties: { type: { const: "about:blank" }, title: { const: HTTP_TITLES[status] }, status: { const: status } },
    required: ["type", "title", "status", "detail"],
    not: { required: ["code"] },
  };
}

export function problemSchemas(): Record<string, JsonSchema> {
  const codes = Object.keys(ERROR_CODES).map(Number) as ErrorCode[];
  const statuses = Object.keys(HTTP_TITLES).map(Number) as HttpOnlyStatus[];
  return Object.fromEntries([
    ...codes.map((code) => [problemName(code), codeSchema(code)]),
    ...statuses.map((status) => [problemName(status), httpSchema(status)]),
  ]);
}

/** An example answer for a code at a status, as the server writes it. */
export function problemExample(code: ErrorCode | HttpOnlyStatus, status: number, detail: string) {
  const coded = code in ERROR_CODES;
  return {
    type: coded ? `/api/v1/errors#${code}` : "about:blank",
    title: coded ? ERROR_CODES[code as ErrorCode].title : HTTP_TITLES[code as HttpOnlyStatus],
    status,
    detail,
    ...(coded ? { code } : {}),
    requestId: "3f6c1e0a-8d2b-4d47-9c1e-5b7a2f0d9e41",
    ...(code === 1007 ? { current: EXAMPLE_PROCESS } : {}),
  };
}

import type { HttpOnlyStatus } from "@/lib/api/problem";
import type { ErrorCode } from "@/lib/errors";
import type { HeaderName } from "@/lib/openapi/headers";
import type { REQUEST_SCHEMAS, SchemaName } from "@/lib/openapi/schemas";

// What the document says about one operation beyond its schemas (lib/openapi/operations.ts and its parts:
// user-operations.ts, operations-account.ts).

export type Answer = {
  status: number;
  schema?: SchemaName;
  description: string;
  example?: unknown;
  /** application/json unless said otherwise. */
  mediaType?: "application/json" | "text/event-stream" | "text/csv" | "text/plain" | "text/html";
  /** Headers this answer always has, besides the ones every answer has. */
  headers?: HeaderName[];
};

export type OperationSpec = {
  tag: "Processes" | "Tokens" | "Webhooks" | "Users" | "Account" | "Audit" | "Change control" | "Service";
  summary: string;
  description?: string;
  body?: { schema: keyof typeof REQUEST_SCHEMAS; example: unknown };
  /** The answers besides the errors (the first is the success). */
  answers: Answer[];
  /** A code alone is answered at each of its statuses; `[code, status]` at that one only; "bulk": its bulk shape. */
  errors?: (ErrorCode | [ErrorCode, number] | [ErrorCode, number, "bulk"])[];
  /** Answers outside the code table besides 500 (which every operation can give). */
  httpErrors?: HttpOnlyStatus[];
  /** Query and header parameters (JSON Schema each). */
  parameters?: {
    in: "query" | "header" | "path";
    name: string;
    description: string;
    schema: Record<string, unknown>;
  }[];
  /** Not meant for integrators (shown, marked `x-internal`). */
  internal?: boolean;
};

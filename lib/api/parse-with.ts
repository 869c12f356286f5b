import "server-only";
import type { z } from "zod";
import { AppError, type FieldError } from "@/lib/errors";
import { ID_PARAM_MESSAGE, idParamSchema } from "@/lib/validations/id";

/** RFC 6901: "~" and "/" inside a member name are escaped. */
function toPointer(path: PropertyKey[]): string {
  return path.map((p) => "/" + String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ pointer: toPointer([...issue.path, key]), detail: "unknown member" }))
      : [{ pointer: toPointer(issue.path), detail: issue.message }],
  );
}

/** Validates a parsed request body; every failure is 1001 with one JSON pointer per invalid field. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = zodFieldErrors(result.error);
  const first = errors[0] ?? { pointer: "", detail: "is not valid" };
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  throw new AppError(1001, `${first.pointer || "body"}: ${first.detail}${more}`, { errors });
}

/** The `{id}` segment of a path; a bad one is 1001 pointing at `/path/id`, worded the same whatever was sent. */
export function parseIdParam(value: string, name = "id"): number {
  const result = idParamSchema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(1001, `The ${name} in the path ${ID_PARAM_MESSAGE}`, {
    errors: [{ pointer: `/path/${name}`, detail: ID_PARAM_MESSAGE }],
  });
}

/**
 * A query string as one value per name; a name given twice is 1001 rather than one of its values winning
 * silently (which one a proxy or a client library keeps differs).
 */
export function singleValuedQuery(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [name, value] of params) {
    if (Object.hasOwn(query, name)) repeated.add(name);
    query[name] = value;
  }
  if (repeated.size === 0) return query;
  const errors = [...repeated].map((name) => ({ pointer: toPointer([name]), detail: "is given more than once" }));
  throw new AppError(1001, `${errors[0]!.pointer}: is given more than once`, { errors });
}

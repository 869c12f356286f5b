import "server-only";
import { type AppError } from "@/lib/errors";
import type { Problem } from "@/lib/validations/problem";

const JSON_TYPE = "application/json; charset=UTF-8";

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return jsonTextResponse(JSON.stringify(body), init);
}

/**
 * For bodies already serialized (the cached process list). Reusing one string matters: a string built
 * anew per request is a rope whose UTF-8 length undici computes character by character (measured 1.4 ms
 * for the 1,000-process list, against 0.03 ms for a string used before).
 */
export function jsonTextResponse(text: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", JSON_TYPE);
  headers.set("Cache-Control", "no-store");
  return new Response(text, { ...init, headers });
}

export function appErrorProblem(error: AppError, requestId: string): Problem {
  return {
    type: `/api/v1/errors#${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.current !== undefined ? { current: error.current } : {}),
    requestId,
  };
}

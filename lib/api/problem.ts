import type { Problem } from "@/lib/validations/problem";

// The problem+json envelope (RFC 9457) for every API error: used by the route wrapper and by the proxy,
// which answers unknown paths and methods before any route runs (so no "server-only" here).

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { ...headers, "Content-Type": "application/problem+json; charset=UTF-8", "Cache-Control": "no-store" },
  });
}

/** The statuses answered without a code, with their titles (the OpenAPI document lists the same ones). */
export const HTTP_TITLES = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
} as const;
export type HttpOnlyStatus = keyof typeof HTTP_TITLES;

/** Answers outside the contract's code table (unknown path, wrong method, malformed HTTP, a bug): no `code` member. */
export function httpProblem(status: HttpOnlyStatus, detail: string, requestId?: string): Problem {
  return { type: "about:blank", title: HTTP_TITLES[status], status, detail, ...(requestId ? { requestId } : {}) };
}

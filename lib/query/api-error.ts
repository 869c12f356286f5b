import { problemSchema, type Problem } from "@/lib/validations/problem";

/** A refused API call, carrying the problem+json answer so the page can place the error (field, row, banner). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: number | undefined;
  readonly problem: Problem;
  /** Seconds from the Retry-After header (429, 503), when sent. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = status;
    this.code = problem.code;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** 2002 (session expired) and 2004 (no credentials): the operator must sign in again. */
export const isSignedOut = (error: unknown) => isApiError(error) && (error.code === 2002 || error.code === 2004);

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Same-origin JSON call; throws ApiError for any non-2xx answer (a body that is not problem+json included). */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    credentials: "same-origin",
    headers: {
      Accept: "application/json",
      ...(init.body ? { "Content-Type": "application/json" } : {}),
      ...init.headers,
    },
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  const parsed = problemSchema.safeParse(body);
  const problem: Problem = parsed.success
    ? parsed.data
    : { type: "about:blank", title: response.statusText || "Request failed", status: response.status };
  throw new ApiError(response.status, problem, parseRetryAfter(response.headers.get("Retry-After")));
}

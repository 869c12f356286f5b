import { afterEach, describe, expect, it, vi } from "vitest";
import { apiFetch, ApiError, isSignedOut } from "@/lib/query/api-error";
import { retryDelay, shouldRetry } from "@/lib/query/query-client";

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers })),
  );
}

describe("apiFetch", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("returns the body of a 2xx answer", async () => {
    answer(200, { processes: [] });
    await expect(apiFetch("/api/v1/processes")).resolves.toEqual({ processes: [] });
  });

  it("throws the problem with its code, field errors and Retry-After", async () => {
    answer(
      429,
      { type: "about:blank", title: "Too many requests. Try again later", status: 429, code: 6001 },
      { "Retry-After": "3" },
    );
    const error = (await apiFetch("/x").catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.retryAfterSeconds]).toEqual([429, 6001, 3]);
    expect(shouldRetry(1, error)).toBe(true);
    expect(retryDelay(1, error)).toBe(3_100);
  });

  it("gives a non-problem body a generic problem, and does not retry it", async () => {
    answer(502, "Bad gateway");
    const error = (await apiFetch("/x").catch((e: unknown) => e)) as ApiError;
    expect([error.status, error.code]).toEqual([502, undefined]);
    expect(shouldRetry(1, error)).toBe(false);
  });

  it("tells a signed-out answer (2002, 2004) apart from a forbidden one (3001)", () => {
    const problem = (code: number) => new ApiError(401, { type: "about:blank", title: "", status: 401, code });
    expect([isSignedOut(problem(2002)), isSignedOut(problem(2004)), isSignedOut(problem(3001))]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

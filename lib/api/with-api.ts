import "server-only";
import type { NextRequest } from "next/server";
import { httpProblem, problemResponse } from "@/lib/api/problem";
import { appErrorProblem } from "@/lib/api/respond";
import { API_ROUTES, type RouteKey } from "@/lib/api/routes";
import { authorize } from "@/lib/auth/authorize";
import { callerKey, resolveCaller, type Caller } from "@/lib/auth/caller";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { consumeRateLimit } from "@/lib/rate-limit/consume";
import { isDatabaseError } from "@/lib/db/errors";
import { AppError, isAppError } from "@/lib/errors";
import { errorFields, logger } from "@/lib/logger";

export type ApiContext<P> = {
  request: NextRequest;
  params: P;
  requestId: string;
  /** Null only on public routes. */
  caller: Caller | null;
};

type Handler<P> = (ctx: ApiContext<P>) => Promise<Response>;
type NextRouteContext<P> = { params: Promise<P> };

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const DATABASE_RETRY_AFTER_SECONDS = "5";

function toResponse(error: unknown, requestId: string): Response {
  if (isAppError(error)) return problemResponse(appErrorProblem(error, requestId), error.headers);
  if (isDatabaseError(error)) {
    const dbError = new AppError(1006, "The database did not answer; try again shortly.", {
      headers: { "Retry-After": DATABASE_RETRY_AFTER_SECONDS },
    });
    return problemResponse(appErrorProblem(dbError, requestId), dbError.headers);
  }
  return problemResponse(httpProblem(500, "An unexpected error occurred.", requestId));
}

/** Authenticates, rate-limits and authorizes; returns the caller and the RateLimit headers to answer with. */
async function guard(
  route: RouteKey,
  request: NextRequest,
): Promise<{ caller: Caller | null; headers: Record<string, string> }> {
  const roles = API_ROUTES[route];
  if (roles === "public") return { caller: null, headers: {} };
  let caller: Caller;
  try {
    caller = await resolveCaller(request);
  } catch (error) {
    // Unauthenticated requests count against their address, so guessing tokens is limited too.
    await consumeRateLimit("api", `ip:${clientIpFromHeaders((n) => request.headers.get(n))}`);
    throw error;
  }
  const headers = await consumeRateLimit("api", callerKey(caller));
  authorize(request, caller, roles);
  return { caller, headers };
}

/**
 * Wraps every API route handler: request id, authentication, rate limiting, roles from the route table,
 * and the mapping of every thrown error to one problem+json answer. Handlers never catch.
 */
export function withApi<P = Record<string, never>>(route: RouteKey, handler: Handler<P>) {
  return async (request: NextRequest, context: NextRouteContext<P>): Promise<Response> => {
    const started = performance.now();
    const incomingId = request.headers.get("x-request-id");
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : crypto.randomUUID();
    let response: Response;
    let failure: unknown;
    let limitHeaders: Record<string, string> = {};
    try {
      const { caller, headers } = await guard(route, request);
      limitHeaders = headers;
      response = await handler({ request, params: await context.params, requestId, caller });
    } catch (error) {
      failure = error;
      response = toResponse(error, requestId);
    }
    response.headers.set("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(limitHeaders)) {
      if (!response.headers.has(name)) response.headers.set(name, value);
    }
    const fields = {
      requestId,
      route,
      method: request.method,
      path: request.nextUrl.pathname,
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (response.status >= 500) logger.error("request failed", { ...fields, ...errorFields(failure) });
    else if (failure) logger.info("request refused", { ...fields, code: (failure as AppError).code });
    else logger.info("request", fields);
    return response;
  };
}

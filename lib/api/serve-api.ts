import "server-only";
import type { NextRequest } from "next/server";
import { httpProblem, problemResponse } from "@/lib/api/problem";
import { appErrorProblem } from "@/lib/api/respond";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { isDatabaseError } from "@/lib/db/errors";
import { isDiskFull, noteDatabaseError } from "@/lib/db/storage";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/front-door/request-id";
import { AppError, isAppError } from "@/lib/errors";
import { errorFields, logger } from "@/lib/logger";
import { databaseErrorKind, noteDatabaseFailure, noteRequest } from "@/lib/metrics/request-metrics";
import { addressLimitKey } from "@/lib/net/ip";
import { bodyBytesRead, RateMeter } from "@/lib/rate-limit/meter";

const DATABASE_RETRY_AFTER_SECONDS = "5";

function toResponse(error: unknown, requestId: string): Response {
  if (isAppError(error)) return problemResponse(appErrorProblem(error, requestId), error.headers);
  if (isDatabaseError(error)) {
    noteDatabaseError(error);
    noteDatabaseFailure(databaseErrorKind(error, isDiskFull(error)));
    const dbError = new AppError(1006, "The database did not answer; try again shortly.", {
      headers: { "Retry-After": DATABASE_RETRY_AFTER_SECONDS },
    });
    return problemResponse(appErrorProblem(dbError, requestId), dbError.headers);
  }
  return problemResponse(httpProblem(500, "An unexpected error occurred.", requestId));
}

/** The per-address key of the API limit, for requests without a caller (unauthenticated, front-door answers). */
export const addressKey = (request: NextRequest) =>
  `ip:${addressLimitKey(clientIpFromHeaders((n) => request.headers.get(n)))}`;

export type ServeContext = { requestId: string; meter: RateMeter };

/**
 * The one frame of every API answer: request id, the mapping of every thrown error to problem+json,
 * the RateLimit headers of whatever the meter charged (refusals included), and one log line.
 * `label` names the route and the method and path the client asked for.
 */
export async function serveApi(
  request: NextRequest,
  label: { route: string; method: string; path: string },
  run: (ctx: ServeContext) => Promise<Response>,
): Promise<Response> {
  const started = performance.now();
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const meter = new RateMeter();
  let response: Response;
  let failure: unknown;
  try {
    response = await run({ requestId, meter });
  } catch (error) {
    failure = error;
    response = toResponse(error, requestId);
  }
  await meter.chargeBodyRead(bodyBytesRead(request));
  response.headers.set("X-Request-Id", requestId);
  for (const name of ["RateLimit-Policy", "RateLimit"]) {
    const value = meter.headers[name];
    if (value && !response.headers.has(name)) response.headers.set(name, value);
  }
  const seconds = (performance.now() - started) / 1000;
  // Labelled by the route's path template (its key without the method) or "front-door": a bounded set.
  const route = label.route.startsWith("front-door") ? "front-door" : (label.route.split(" ")[1] ?? label.route);
  noteRequest(
    { route, method: label.method },
    response.status,
    seconds,
    isAppError(failure) ? failure.code : undefined,
  );
  const fields = {
    requestId,
    ...label,
    ip: clientIpFromHeaders((n) => request.headers.get(n)),
    status: response.status,
    durationMs: Math.round(seconds * 10_000) / 10,
  };
  // A 5xx answered without an exception (health's 503) has no error to log here; its route logs its own.
  if (response.status >= 500)
    logger.error("request failed", { ...fields, ...(failure === undefined ? {} : errorFields(failure)) });
  else if (failure) logger.info("request refused", { ...fields, code: (failure as AppError).code });
  else logger.info("request", fields);
  return response;
}

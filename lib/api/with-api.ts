import "server-only";
import { NextRequest } from "next/server";
import { addressKey, serveApi } from "@/lib/api/serve-api";
import { API_ROUTES, SESSION_ONLY, type RouteKey } from "@/lib/api/routes";
import { authorize } from "@/lib/auth/authorize";
import { callerKey, resolveCaller, type Caller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { DIRECT_ROUTES, registerDirectRoute, type DirectRouteKey } from "@/lib/front-door/direct-routes";
import { AppError } from "@/lib/errors";
import { pointsForBody, type RateMeter } from "@/lib/rate-limit/meter";

export type ApiContext<P> = {
  request: NextRequest;
  params: P;
  requestId: string;
  /** Null only on public routes. */
  caller: Caller | null;
};

type Handler<P> = (ctx: ApiContext<P>) => Promise<Response>;
type NextRouteContext<P> = { params: Promise<P> };

/** A declared body is charged before it is read, by its size (capped: a larger one is refused unread). */
function declaredBodyPoints(request: NextRequest): number {
  const declared = Number(request.headers.get("content-length") ?? 0);
  return pointsForBody(Number.isSafeInteger(declared) ? Math.min(declared, env.MAX_BODY_BYTES + 1) : 0);
}

/** Authenticates, rate-limits and authorizes; the meter keeps the RateLimit headers for every answer. */
async function guard(route: RouteKey, request: NextRequest, meter: RateMeter): Promise<Caller | null> {
  const roles = API_ROUTES[route];
  if (roles === "public") return null;
  let caller: Caller;
  try {
    caller = await resolveCaller(request);
  } catch (error) {
    // Unauthenticated requests count against their address, so guessing tokens is limited too.
    await meter.charge(addressKey(request));
    throw error;
  }
  await meter.charge(callerKey(caller), declaredBodyPoints(request));
  authorize(request, caller, roles);
  if (SESSION_ONLY.has(route) && caller.kind !== "session")
    throw new AppError(3001, "An API token has no account: these routes are for signed-in people");
  return caller;
}

/**
 * Wraps every API route handler: authentication, rate limiting, roles from the route table, and (through
 * serveApi) the request id, the mapping of every thrown error to one problem+json answer, and the log line.
 * Handlers never catch.
 */
export function withApi<P = Record<string, never>>(route: RouteKey, handler: Handler<P>) {
  const wrapped = async (request: NextRequest, context: NextRouteContext<P>): Promise<Response> => {
    const label = { route, method: request.method, path: request.nextUrl.pathname };
    return serveApi(request, label, async ({ requestId, meter }) => {
      const caller = await guard(route, request, meter);
      return handler({ request, params: await context.params, requestId, caller });
    });
  };
  // The hot routes are also answered by the server itself, through this same wrapper (docs/decisions/046).
  if ((DIRECT_ROUTES as readonly string[]).includes(route))
    registerDirectRoute(route as DirectRouteKey, (request, params) =>
      wrapped(new NextRequest(request), { params: Promise.resolve(params as P) }),
    );
  return wrapped;
}

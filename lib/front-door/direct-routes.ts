// The API's hot routes, answered by our server without Next's routing frame (issue 25, docs/decisions/046).
// Next's frame (router, route module, tracing, patched Date, compression) cost more server time than a cached
// list answer itself, and most of a 304 or a single update. The route module registers its own exported
// handler here when Next first loads it: the handler runs as it does under Next, with the same modules (the
// same list cache, rate limiters, token cache), so authentication, rate limits, errors and logs are the same
// code. Until a route's module has loaded, and for every other request, Next answers.
//
// The registry lives on globalThis: server.ts is compiled apart from Next's build (scripts/compile-entry-points.mjs),
// so a module-level Map in one would not be the other's.
import { matchRoute } from "@/lib/api/routes";

/** The routes answered directly: the ones clients call most (pollers, gateways writing one process or a bulk). */
export const DIRECT_ROUTES = ["GET /api/v1/processes", "PUT /api/v1/processes", "PUT /api/v1/processes/{id}"] as const;
export type DirectRouteKey = (typeof DIRECT_ROUTES)[number];

/** A route module's handler, as the server calls it: a Web request and the decoded path parameters. */
export type DirectHandler = (request: Request, params: Record<string, string>) => Promise<Response>;

const REGISTRY = Symbol.for("plant-processes.direct-routes");

function registry(): Map<DirectRouteKey, DirectHandler> {
  const holder = globalThis as { [REGISTRY]?: Map<DirectRouteKey, DirectHandler> };
  return (holder[REGISTRY] ??= new Map());
}

/** Called by a route module as it loads. */
export function registerDirectRoute(route: DirectRouteKey, handler: DirectHandler): void {
  registry().set(route, handler);
}

/**
 * The registered handler for a method and an origin-form target (after lib/front-door/prepare-request.ts),
 * with its path parameters, matched by the route table as Next matches its routes (`matchRoute`); null when
 * Next answers: other routes, HEAD, a route not loaded yet, a parameter that is not valid percent-encoding.
 */
export function directRouteFor(
  method: string | undefined,
  target: string,
): { handler: DirectHandler; params: Record<string, string> } | null {
  if (method === undefined) return null;
  const query = target.indexOf("?");
  const route = matchRoute(method, query < 0 ? target : target.slice(0, query));
  const handler = route && registry().get(route.key as DirectRouteKey);
  return handler ? { handler, params: route.params } : null;
}

import type { Role } from "@/lib/auth/roles";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const READ: Role[] = ["User", "Advanced user", "Super user"];
const WRITE: Role[] = ["Advanced user", "Super user"];
const ADMIN: Role[] = ["Super user"];
/** Every signed-in person; with SESSION_ONLY below, never an API token (tokens are systems, not people). */
const PEOPLE: Role[] = ["User", "Advanced user", "Super user"];

/**
 * Every API route and method, and who may call it ("public": no credentials needed).
 * The route wrapper authorizes from this table, the proxy answers 404/405 from it, and a test walks it.
 */
export const API_ROUTES = {
  "GET /api/v1/processes": READ,
  "PUT /api/v1/processes": WRITE,
  "GET /api/v1/processes/events": READ,
  "GET /api/v1/processes/{id}": READ,
  "PUT /api/v1/processes/{id}": WRITE,
  "GET /api/v1/processes/{id}/history": READ,
  // The inspector's exports of the history (issue 23): readable by whoever may read the history.
  "GET /api/v1/history.csv": READ,
  "GET /api/v1/history.html": READ,
  "GET /api/v1/tokens": ADMIN,
  "POST /api/v1/tokens": ADMIN,
  "DELETE /api/v1/tokens/{id}": ADMIN,
  "GET /api/v1/webhooks": ADMIN,
  "POST /api/v1/webhooks": ADMIN,
  "DELETE /api/v1/webhooks/{id}": ADMIN,
  "GET /api/v1/webhooks/{id}/deliveries": ADMIN,
  "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry": ADMIN,
  "GET /api/v1/account": PEOPLE,
  "PATCH /api/v1/account": PEOPLE,
  "PUT /api/v1/account/password": PEOPLE,
  "GET /api/v1/account/sessions": PEOPLE,
  "DELETE /api/v1/account/sessions/{sessionId}": PEOPLE,
  "GET /api/v1/audit": ADMIN,
  "GET /api/v1/audit.csv": ADMIN,
  "GET /api/v1/users": ADMIN,
  "POST /api/v1/users": ADMIN,
  "PATCH /api/v1/users/{id}": ADMIN,
  "DELETE /api/v1/users/{id}": ADMIN,
  "POST /api/v1/users/{id}/password-link": ADMIN,
  "DELETE /api/v1/users/{id}/sessions": ADMIN,
  "GET /api/v1/me": READ,
  // The processes page's presence (docs/decisions/030): each open page says what it edits.
  "PUT /api/v1/presence/{page}": PEOPLE,
  "DELETE /api/v1/presence/{page}": PEOPLE,
  // Everyone who writes needs to know what a write must carry; only Super users set it.
  "GET /api/v1/change-control": READ,
  "PUT /api/v1/change-control": ADMIN,
  // Four-eyes approval (docs/decisions/043): readable by readers; who may decide is checked per request (the
  // approver right, never the requester); withdrawing is the requester's, who was a writer.
  "GET /api/v1/change-requests": READ,
  "GET /api/v1/change-requests/{id}": READ,
  "POST /api/v1/change-requests/{id}/approve": READ,
  "POST /api/v1/change-requests/{id}/reject": READ,
  "POST /api/v1/change-requests/{id}/withdraw": WRITE,
  "POST /api/v1/password-links/check": "public",
  "POST /api/v1/password-links/use": "public",
  "GET /api/v1/errors": "public",
  "GET /api/v1/openapi.json": "public",
  "GET /api/health": "public",
  "GET /api/health/live": "public",
  "GET /api/health/ready": "public",
  // Prometheus' scrape: its own token or address list (lib/metrics/scrape.ts), never a user's credentials.
  "GET /metrics": "public",
  "GET /api/bench/ceiling": "public",
  // The identity provider's call (OIDC back-channel logout): not the integrators' API, so not published.
  "POST /api/auth/oidc/backchannel-logout": "public",
} as const satisfies Record<string, Role[] | "public">;

export type RouteKey = keyof typeof API_ROUTES;

/** Routes about the signed-in person themselves: an API token is refused (3001) whatever its role. */
export const SESSION_ONLY: ReadonlySet<RouteKey> = new Set<RouteKey>([
  "GET /api/v1/account",
  "PATCH /api/v1/account",
  "PUT /api/v1/account/password",
  "GET /api/v1/account/sessions",
  "DELETE /api/v1/account/sessions/{sessionId}",
  "PUT /api/v1/presence/{page}",
  "DELETE /api/v1/presence/{page}",
]);

type CompiledRoute = { key: RouteKey; method: HttpMethod; regex: RegExp; params: string[] };

const COMPILED: CompiledRoute[] = (Object.keys(API_ROUTES) as RouteKey[]).map((key) => {
  const [method, path] = key.split(" ") as [HttpMethod, string];
  // No trailing slash: `/api/v1/processes/` is an unknown path, 404 in the problem envelope (note 022), rather
  // than Next's bare 308 redirect, which a client's PUT would not follow with its body.
  const regex = new RegExp("^" + path.replaceAll(".", "\\.").replace(/\{[^}]+\}/g, "([^/]+)") + "$");
  return { key, method, regex, params: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!) };
});

/** The methods a concrete path answers to; empty when the path is unknown. */
export function allowedMethods(pathname: string): HttpMethod[] {
  // A fixed segment and a parameter may both match ("/processes/events" and "/processes/{id}").
  return [...new Set(COMPILED.filter((r) => r.regex.test(pathname)).map((r) => r.method))];
}

/**
 * The route a method and concrete path reach, with its parameters percent-decoded, as Next routes them: a fixed
 * segment wins over a parameter ("/processes/events" is never "/processes/{id}", whatever the method), so a path
 * whose most specific route lacks the method reaches none. Null as well for a parameter that is not valid
 * percent-encoding.
 */
export function matchRoute(method: string, pathname: string): { key: RouteKey; params: Record<string, string> } | null {
  const matching = COMPILED.filter((r) => r.regex.test(pathname));
  const fewest = Math.min(...matching.map((r) => r.params.length));
  const route = matching.find((r) => r.method === method && r.params.length === fewest);
  if (!route) return null;
  const values = route.regex.exec(pathname)!.slice(1);
  try {
    return {
      key: route.key,
      params: Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(values[i]!)])),
    };
  } catch {
    return null;
  }
}

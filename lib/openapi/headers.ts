// The response headers the document declares; their patterns are what the server writes
// (lib/front-door/request-id.ts, lib/rate-limit/consume.ts, lib/auth/caller.ts).

const header = (description: string, pattern: string) => ({ description, schema: { type: "string", pattern } });

export const HEADERS = {
  "X-Request-Id": header(
    "Identifies this answer in the server's log. The caller's own X-Request-Id when it is 8–64 characters of `A-Za-z0-9._-`, a new UUID otherwise.",
    "^[A-Za-z0-9._-]{8,64}$",
  ),
  RateLimit: header(
    'What is left of the caller\'s limit (draft-ietf-httpapi-ratelimit-headers): `"api";r=<requests left>;t=<seconds until it refills>`.',
    '^"[A-Za-z0-9_-]+";r=[0-9]+;t=[0-9]+$',
  ),
  "RateLimit-Policy": header(
    'The caller\'s limit: `"api";q=<requests>;w=<window in seconds>`. Callers are counted by token, by signed-in user, and without credentials by address. A large body counts as more than one request.',
    '^"[A-Za-z0-9_-]+";q=[0-9]+;w=[0-9]+$',
  ),
  "Retry-After": header("Seconds to wait before trying again.", "^[0-9]+$"),
  "WWW-Authenticate": header(
    'The Bearer challenge (RFC 6750): `Bearer realm="api"`, with `error="invalid_token"` and an `error_description` when a token was sent but refused.',
    '^Bearer realm="api"',
  ),
  ETag: header(
    'The version of what was answered, an entity tag (`"<version>"` for one process); send it back in `If-None-Match`, or in `If-Match` to update that process.',
    '^"[A-Za-z0-9_-]+"$',
  ),
  "Cache-Control": header("How long the answer may be kept.", "^.+$"),
  "X-Changed-Count": header(
    "How many of the items sent differed from the stored ones and were written (0 for a re-sync of equal values).",
    "^[0-9]+$",
  ),
  Location: header(
    "Where the resource made is (a change request held for approval: `/api/v1/change-requests/<id>`).",
    "^/api/v1/",
  ),
} as const;

export type HeaderName = keyof typeof HEADERS;

const componentName = (name: HeaderName) => name.replaceAll("-", "");

/** components.headers: each header as always present where a response refers to it. */
export const headerComponents = () =>
  Object.fromEntries(
    (Object.keys(HEADERS) as HeaderName[]).map((name) => [componentName(name), { ...HEADERS[name], required: true }]),
  );

/** A response's headers: each listed one, required (a reference) or merely possible. */
export function responseHeaders(required: HeaderName[], optional: HeaderName[] = []) {
  return Object.fromEntries([
    ...required.map((name) => [name, { $ref: `#/components/headers/${componentName(name)}` }]),
    ...optional.map((name) => [name, { ...HEADERS[name], required: false }]),
  ]);
}

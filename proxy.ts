import { NextResponse, type NextRequest } from "next/server";
import { httpProblem, problemResponse } from "@/lib/api/problem";
import { allowedMethods } from "@/lib/api/routes";
import { contentSecurityPolicy, SECURITY_HEADERS } from "@/lib/security-headers";

// Unknown API paths and wrong methods get the same problem+json envelope as every other API error,
// decided from the one route table rather than by a fallback route in every folder.
function routeApi(request: NextRequest): Response {
  const { pathname } = request.nextUrl;
  const methods = allowedMethods(pathname);
  if (methods.length === 0) return problemResponse(httpProblem(404, `No API resource at ${pathname}`));
  const method = request.method === "HEAD" ? "GET" : request.method;
  if (method === "OPTIONS" || (methods as string[]).includes(method)) return NextResponse.next();
  const allow = [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const detail = `${request.method} is not allowed on ${pathname}; allowed: ${allow}`;
  return problemResponse(httpProblem(405, detail), { Allow: allow });
}

/** Pages get a fresh script nonce per request; Next reads it from the request's CSP header. */
function securePage(request: NextRequest): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export function proxy(request: NextRequest): Response {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/auth/")) return NextResponse.next();
  return pathname.startsWith("/api/") ? routeApi(request) : securePage(request);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "@/lib/api/routes";
import { contentSecurityPolicy, SECURITY_HEADERS } from "@/lib/security-headers";

// Unknown API paths and wrong methods get the same problem+json envelope as every other API error,
// decided from the one route table rather than by a fallback route in every folder.
function problem(status: 404 | 405, detail: string, headers: Record<string, string> = {}): NextResponse {
  const title = status === 404 ? "Not Found" : "Method Not Allowed";
  return NextResponse.json(
    { type: "about:blank", title, status, detail },
    { status, headers: { ...headers, "Content-Type": "application/problem+json; charset=UTF-8" } },
  );
}

function routeApi(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const methods = allowedMethods(pathname);
  if (methods.length === 0) return problem(404, `No API resource at ${pathname}`);
  const method = request.method === "HEAD" ? "GET" : request.method;
  if (method === "OPTIONS" || (methods as string[]).includes(method)) return NextResponse.next();
  const allow = [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return problem(405, `${request.method} is not allowed on ${pathname}; allowed: ${allow}`, { Allow: allow });
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

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/auth/")) return NextResponse.next();
  return pathname.startsWith("/api/") ? routeApi(request) : securePage(request);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

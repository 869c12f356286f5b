import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, SECURITY_HEADERS } from "@/lib/security-headers";

/** Pages get a fresh script nonce per request; Next reads it from the request's CSP header. */
export function proxy(request: NextRequest): NextResponse {
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

export const config = {
  // Pages only. API paths never pass through a proxy: Next would buffer a copy of every request body for
  // it. Their 404/405/OPTIONS answers are decided by the server (server.ts, lib/front-door/front-door-answer.ts).
  matcher: ["/((?!api/|metrics$|_next/static|_next/image|favicon.ico).*)"],
};

import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "@/lib/api/routes";

// Unknown API paths and wrong methods get the same problem+json envelope as every other API error,
// decided from the one route table rather than by a fallback route in every folder.
function problem(status: 404 | 405, detail: string, headers: Record<string, string> = {}): NextResponse {
  const title = status === 404 ? "Not Found" : "Method Not Allowed";
  return NextResponse.json(
    { type: "about:blank", title, status, detail },
    { status, headers: { ...headers, "Content-Type": "application/problem+json; charset=UTF-8" } },
  );
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const methods = allowedMethods(pathname);
  if (methods.length === 0) return problem(404, `No API resource at ${pathname}`);
  const method = request.method === "HEAD" ? "GET" : request.method;
  if (method === "OPTIONS" || (methods as string[]).includes(method)) return NextResponse.next();
  const allow = [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return problem(405, `${request.method} is not allowed on ${pathname}; allowed: ${allow}`, { Allow: allow });
}

export const config = { matcher: ["/api/((?!auth/).*)"] };

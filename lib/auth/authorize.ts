import "server-only";
import type { NextRequest } from "next/server";
import type { Caller } from "@/lib/auth/caller";
import type { Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A cookie-authenticated write must come from our own pages (CSRF); Bearer clients are not subject. */
function assertSameOrigin(request: NextRequest): void {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const sameOrigin = origin !== null && host !== null && new URL(origin).host === host;
  if (site === "same-origin" || (site === null && sameOrigin)) return;
  throw new AppError(3001, "A change made with a session must come from this application's own pages");
}

export function authorize(request: NextRequest, caller: Caller, roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) {
    throw new AppError(3001, `The role ${caller.role} may not ${request.method} this resource`);
  }
  if (caller.kind === "session" && !SAFE_METHODS.has(request.method)) assertSameOrigin(request);
}

import "server-only";
import type { NextRequest } from "next/server";
import type { Caller } from "@/lib/auth/caller-type";
import type { Role } from "@/lib/auth/roles";
import { appOrigin } from "@/lib/env";
import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origin of an Origin or Referer value; null when it is absent, "null" or not a URL. */
function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * A cookie-authenticated write must come from our own pages (CSRF): its Origin (or, without one, its
 * Referer) must be the configured public origin (APP_URL), never compared with Host or X-Forwarded-Host,
 * which a client chooses. Bearer clients are not subject.
 */
function assertSameOrigin(request: NextRequest): void {
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  if (appOrigin && originOf(source) === appOrigin) return;
  throw new AppError(3001, "A change made with a session must come from this application's own pages");
}

export function authorize(request: NextRequest, caller: Caller, roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) {
    throw new AppError(3001, `The role ${caller.role} may not ${request.method} this resource`);
  }
  if (caller.kind === "session" && !SAFE_METHODS.has(request.method)) assertSameOrigin(request);
}

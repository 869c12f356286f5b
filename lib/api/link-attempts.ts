import "server-only";
import type { NextRequest } from "next/server";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { takeSignInAttempt } from "@/lib/auth/sign-in-limits";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * The public set-password routes count against the sign-in attempts of the client's address (the same
 * RATE_LIMIT_SIGNIN_ADDRESS_* window), before anything is looked up or hashed: 6001 past it.
 */
export async function takeLinkAttempt(request: NextRequest): Promise<void> {
  if (await takeSignInAttempt(clientIpFromHeaders((n) => request.headers.get(n)))) return;
  const seconds = env.RATE_LIMIT_SIGNIN_ADDRESS_WINDOW_SECONDS;
  throw new AppError(6001, `Too many attempts from this address; retry after ${seconds} s`, {
    headers: { "Retry-After": String(seconds) },
  });
}

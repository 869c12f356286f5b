import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { addressLimitKey } from "@/lib/net/ip";
import { limiter } from "@/lib/rate-limit/limiters";

// Password guessing meets growing waits rather than a lockout (docs/decisions/021). Addresses count as the
// API counts them (IPv6 by /64). Every attempt from an address, whatever the email, is counted first,
// before any hashing (RATE_LIMIT_SIGNIN_ADDRESS_POINTS per window). Then failures: RATE_LIMIT_SIGNIN_POINTS
// per address + email are free, then each failure makes the next attempt wait (RATE_LIMIT_SIGNIN_DELAY_SECONDS,
// doubling, up to RATE_LIMIT_SIGNIN_MAX_DELAY_SECONDS); failures for one email from every address together
// meet waits too, capped at RATE_LIMIT_SIGNIN_ACCOUNT_MAX_DELAY_SECONDS. Those two can be armed by strangers:
// a browser holding a device cookie for the email (lib/auth/device-cookie.ts) skips them and meets its own
// count instead (RATE_LIMIT_SIGNIN_DEVICE_POINTS free, then the same doubling waits), so guesses aimed at a
// person never keep them out of a browser they have used. A correct password is never counted; it clears
// the failures of the rule it was checked under. An attempt made while waiting is refused uncounted.

export type SignInAttempt = { ip: string; email: string; device: string | null };

type Rule = { key: string; free: number; maxDelay: number };

function rules(attempt: SignInAttempt): Rule[] {
  const email = attempt.email.trim().toLowerCase();
  if (attempt.device !== null)
    return [
      {
        key: `device|${attempt.device}`,
        free: env.RATE_LIMIT_SIGNIN_DEVICE_POINTS,
        maxDelay: env.RATE_LIMIT_SIGNIN_MAX_DELAY_SECONDS,
      },
    ];
  return [
    {
      key: `${addressLimitKey(attempt.ip)}|${email}`,
      free: env.RATE_LIMIT_SIGNIN_POINTS,
      maxDelay: env.RATE_LIMIT_SIGNIN_MAX_DELAY_SECONDS,
    },
    {
      key: `email|${email}`,
      free: env.RATE_LIMIT_SIGNIN_ACCOUNT_POINTS,
      maxDelay: env.RATE_LIMIT_SIGNIN_ACCOUNT_MAX_DELAY_SECONDS,
    },
  ];
}

/** Counts one attempt against its address; false when the address has made too many (refuse, unhashed). */
export async function takeSignInAttempt(ip: string): Promise<boolean> {
  try {
    await (await limiter("signin-address")).consume(addressLimitKey(ip));
    return true;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return false;
    throw rejection;
  }
}

/** The seconds to wait before this attempt may be checked; 0 when it may now. */
export async function signInWait(attempt: SignInAttempt): Promise<number> {
  const wait = await limiter("signin-wait");
  let ms = 0;
  for (const { key } of rules(attempt)) {
    const res = await wait.get(key);
    if (res && res.consumedPoints > 1) ms = Math.max(ms, res.msBeforeNext);
  }
  return Math.ceil(ms / 1000);
}

/** Counts a wrong password; past the free ones, the next attempt must wait (twice as long each time). */
export async function noteSignInFailure(attempt: SignInAttempt): Promise<void> {
  const [failures, wait] = await Promise.all([limiter("signin-failures"), limiter("signin-wait")]);
  for (const { key, free, maxDelay } of rules(attempt)) {
    const { consumedPoints } = await failures.consume(key);
    if (consumedPoints < free) continue;
    const doublings = Math.min(consumedPoints - free, 30);
    await wait.block(key, Math.min(maxDelay, env.RATE_LIMIT_SIGNIN_DELAY_SECONDS * 2 ** doublings));
  }
}

/** A correct password: the failures of its address for the email (or of its device) are forgotten. */
export async function noteSignInSuccess(attempt: SignInAttempt): Promise<void> {
  const [first] = rules(attempt);
  const [failures, wait] = await Promise.all([limiter("signin-failures"), limiter("signin-wait")]);
  await Promise.all([failures.delete(first!.key), wait.delete(first!.key)]);
}

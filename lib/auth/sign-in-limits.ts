import "server-only";
import { env } from "@/lib/env";
import { limiter } from "@/lib/rate-limit/limiters";

// Password guessing meets growing waits rather than a lockout: RATE_LIMIT_SIGNIN_POINTS failures per address
// and email are free, then each failure makes the next attempt wait (RATE_LIMIT_SIGNIN_DELAY_SECONDS,
// doubling, up to RATE_LIMIT_SIGNIN_MAX_DELAY_SECONDS). Failures for one email from every address together
// (guessing spread over many addresses) meet waits too, capped at RATE_LIMIT_SIGNIN_ACCOUNT_MAX_DELAY_SECONDS:
// short enough that the person whose email it is still gets in, whoever else is guessing. A correct password
// is never counted; it clears its address's failures. An attempt made while waiting is refused uncounted.

type Rule = { key: string; free: number; maxDelay: number };

function rules(options: { ip: string; email: string }): [Rule, Rule] {
  const email = options.email.trim().toLowerCase();
  return [
    {
      key: `${options.ip}|${email}`,
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

/** The seconds to wait before this address may try this email again; 0 when it may now. */
export async function signInWait(options: { ip: string; email: string }): Promise<number> {
  const wait = await limiter("signin-wait");
  let ms = 0;
  for (const { key } of rules(options)) {
    const res = await wait.get(key);
    if (res && res.consumedPoints > 1) ms = Math.max(ms, res.msBeforeNext);
  }
  return Math.ceil(ms / 1000);
}

/** Counts a wrong password; past the free ones, the next attempt must wait (twice as long each time). */
export async function noteSignInFailure(options: { ip: string; email: string }): Promise<void> {
  const [failures, wait] = await Promise.all([limiter("signin-failures"), limiter("signin-wait")]);
  for (const { key, free, maxDelay } of rules(options)) {
    const { consumedPoints } = await failures.consume(key);
    if (consumedPoints < free) continue;
    const doublings = Math.min(consumedPoints - free, 30);
    await wait.block(key, Math.min(maxDelay, env.RATE_LIMIT_SIGNIN_DELAY_SECONDS * 2 ** doublings));
  }
}

/** A correct password: this address's failures for the email are forgotten. */
export async function noteSignInSuccess(options: { ip: string; email: string }): Promise<void> {
  const [pair] = rules(options);
  const [failures, wait] = await Promise.all([limiter("signin-failures"), limiter("signin-wait")]);
  await Promise.all([failures.delete(pair.key), wait.delete(pair.key)]);
}

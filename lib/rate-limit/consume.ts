import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { limiter, limitOf, type LimitName } from "@/lib/rate-limit/limiters";

/**
 * Counts `points` (one per request; large bodies more, lib/rate-limit/meter.ts) for `key` against the
 * named limit. Returns the IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) for a
 * successful answer; throws 6001 with them when exceeded.
 */
export async function consumeRateLimit(name: LimitName, key: string, points = 1): Promise<Record<string, string>> {
  const { points: limit, duration } = limitOf(name);
  const policy = `"${name}";q=${limit};w=${duration}`;
  const headers = (res: RateLimiterRes) => ({
    "RateLimit-Policy": policy,
    RateLimit: `"${name}";r=${Math.max(0, res.remainingPoints)};t=${Math.ceil(res.msBeforeNext / 1000)}`,
  });
  try {
    return headers(await (await limiter(name)).consume(key, points));
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfter = String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    throw new AppError(6001, `Limit of ${limit} per ${duration} s reached; retry after ${retryAfter} s`, {
      headers: { ...headers(rejection), "Retry-After": retryAfter },
    });
  }
}

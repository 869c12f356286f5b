import "server-only";
import { Redis } from "ioredis";
import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { CLOCK_SKEW_SECONDS, LOGOUT_TOKEN_MAX_AGE_SECONDS } from "@/lib/auth/oidc/logout-token-claims";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

export type LimitName =
  "api" | "write-bytes" | "signin-address" | "signin-failures" | "signin-wait" | "oidc-logout-jti";

const LIMITS: Record<LimitName, { points: number; duration: number }> = {
  api: { points: env.RATE_LIMIT_API_POINTS, duration: env.RATE_LIMIT_API_WINDOW_SECONDS },
  // Bytes a caller's writes store per hour (lib/rate-limit/write-budget.ts).
  "write-bytes": { points: env.WRITE_BUDGET_BYTES_PER_HOUR, duration: 60 * 60 },
  // Every sign-in attempt per address, counted before the password is hashed.
  "signin-address": {
    points: env.RATE_LIMIT_SIGNIN_ADDRESS_POINTS,
    duration: env.RATE_LIMIT_SIGNIN_ADDRESS_WINDOW_SECONDS,
  },
  // Counts failed sign-ins (never refuses: lib/auth/sign-in-limits.ts decides the waits from the count).
  "signin-failures": { points: Number.MAX_SAFE_INTEGER, duration: env.RATE_LIMIT_SIGNIN_WINDOW_SECONDS },
  // Only blocked keys matter here (block() for the wait's length).
  "signin-wait": { points: 1, duration: 1 },
  // Back-channel logout tokens seen (by jti), for as long as one could still be accepted: a replay is refused
  // on every instance that shares the store (lib/auth/oidc/back-channel.ts).
  "oidc-logout-jti": { points: 1, duration: LOGOUT_TOKEN_MAX_AGE_SECONDS + 2 * CLOCK_SKEW_SECONDS },
};

let redis: Redis | undefined;
let pool: pg.Pool | undefined;

function redisClient(): Redis {
  // No offline queue and one retry: a request must not wait on a store that is down (the insurance limiter answers).
  if (!redis) {
    redis = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1_000 });
    redis.on("error", (error) => logger.warn("rate-limit store (Redis) error", { message: error.message }));
  }
  return redis;
}

function postgresPool(): pg.Pool {
  const url = env.RATE_LIMIT_POSTGRES_URL ?? env.DATABASE_URL;
  if (!pool) {
    // A frozen store must not hold requests up: past a second the insurance limiter answers instead.
    pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 1_000, query_timeout: 1_000 });
    pool.on("error", (error) => logger.warn("rate-limit store (PostgreSQL) error", { message: error.message }));
  }
  return pool;
}

type Entry = { limiter: RateLimiterAbstract; ready: Promise<void>; settled?: boolean };

const STORE_RETRY_MS = 5_000;

function createLimiter(name: LimitName): Entry {
  const { points, duration } = LIMITS[name];
  const keyPrefix = `${env.RATE_LIMIT_KEY_PREFIX}_${name}`;
  // When the shared store fails, each instance keeps counting in memory: the API stays up and a
  // limit still holds per instance, rather than failing every request or letting every request through.
  const insuranceLimiter = new RateLimiterMemory({ points, duration, keyPrefix });
  switch (env.RATE_LIMIT_STORE) {
    case "memory":
      return { limiter: insuranceLimiter, ready: Promise.resolve() };
    case "redis": {
      const client = redisClient();
      const ready =
        client.status === "ready" ? Promise.resolve() : new Promise<void>((r) => client.once("ready", () => r()));
      const limiter = new RateLimiterRedis({
        storeClient: client,
        points,
        duration,
        keyPrefix,
        rejectIfRedisNotReady: true,
        insuranceLimiter,
      });
      return { limiter, ready };
    }
    case "postgres": {
      let settle: () => void = () => {};
      const ready = new Promise<void>((r) => (settle = r));
      const limiter = new RateLimiterPostgres(
        {
          storeClient: postgresPool(),
          storeType: "pool",
          tableName: "rate_limits",
          points,
          duration,
          keyPrefix,
          insuranceLimiter,
        },
        (error?: Error) => {
          settle();
          if (!error) return;
          // Until its table exists the limiter answers from memory; a later request builds it anew.
          logger.warn("rate-limit table could not be created", { message: error.message });
          setTimeout(() => limiters.delete(name), STORE_RETRY_MS).unref();
        },
      );
      return { limiter, ready };
    }
  }
}

const limiters = new Map<LimitName, Entry>();

function entry(name: LimitName): Entry {
  let e = limiters.get(name);
  if (!e) limiters.set(name, (e = createLimiter(name)));
  return e;
}

/**
 * The limiter, once its shared store is connected, so the first requests are counted there rather than
 * in memory. Waits at most 3 s, once: a store that is down must not hold requests up.
 */
export async function limiter(name: LimitName): Promise<RateLimiterAbstract> {
  const e = entry(name);
  if (!e.settled) {
    await Promise.race([e.ready, new Promise((r) => setTimeout(r, 3_000).unref())]);
    e.settled = true;
  }
  return e.limiter;
}

export function limitOf(name: LimitName) {
  return LIMITS[name];
}

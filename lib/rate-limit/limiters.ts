import "server-only";
import { Redis } from "ioredis";
import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

export type LimitName = "api" | "signin";

const LIMITS: Record<LimitName, { points: number; duration: number }> = {
  api: { points: env.RATE_LIMIT_API_POINTS, duration: env.RATE_LIMIT_API_WINDOW_SECONDS },
  signin: { points: env.RATE_LIMIT_SIGNIN_POINTS, duration: env.RATE_LIMIT_SIGNIN_WINDOW_SECONDS },
};

let redis: Redis | undefined;
let pool: pg.Pool | undefined;

function redisClient(): Redis {
  // No offline queue and one retry: a request must not wait on a store that is down (the insurance limiter answers).
  redis ??= new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1_000 });
  redis.on("error", (error) => logger.warn("rate-limit store (Redis) error", { message: error.message }));
  return redis;
}

function postgresPool(): pg.Pool {
  const url = env.RATE_LIMIT_POSTGRES_URL ?? env.DATABASE_URL;
  pool ??= new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 1_000 });
  pool.on("error", (error) => logger.warn("rate-limit store (PostgreSQL) error", { message: error.message }));
  return pool;
}

function createLimiter(name: LimitName): RateLimiterAbstract {
  const { points, duration } = LIMITS[name];
  const keyPrefix = `${env.RATE_LIMIT_KEY_PREFIX}_${name}`;
  // When the shared store fails, each instance keeps counting in memory: the API stays up and a
  // limit still holds per instance, rather than failing every request or letting every request through.
  const insuranceLimiter = new RateLimiterMemory({ points, duration, keyPrefix });
  switch (env.RATE_LIMIT_STORE) {
    case "memory":
      return insuranceLimiter;
    case "redis":
      return new RateLimiterRedis({
        storeClient: redisClient(),
        points,
        duration,
        keyPrefix,
        rejectIfRedisNotReady: true,
        insuranceLimiter,
      });
    case "postgres":
      return new RateLimiterPostgres({
        storeClient: postgresPool(),
        storeType: "pool",
        tableName: "rate_limits",
        points,
        duration,
        keyPrefix,
        insuranceLimiter,
      }, (error?: Error) => {
        if (error) logger.warn("rate-limit table could not be created", { message: error.message });
      });
  }
}

const limiters = new Map<LimitName, RateLimiterAbstract>();

export function limiter(name: LimitName): RateLimiterAbstract {
  let l = limiters.get(name);
  if (!l) limiters.set(name, (l = createLimiter(name)));
  return l;
}

export function limitOf(name: LimitName) {
  return LIMITS[name];
}

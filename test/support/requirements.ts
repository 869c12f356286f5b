import type { TestOptions } from "vitest";

declare module "vitest" {
  interface TaskMeta {
    /** Why a test or suite is skipped here; printed by test/support/skip-reporter.ts. */
    skipReason?: string;
  }
}

/** The PostgreSQL server to test against; unset on a machine without one. */
export const postgresTestUrl = process.env.TEST_DATABASE_URL?.startsWith("postgresql://")
  ? process.env.TEST_DATABASE_URL
  : undefined;

/** The Redis server for the shared rate-limit store; unset on a machine without one. */
export const redisTestUrl = process.env.REDIS_TEST_URL || undefined;

export const NEEDS_POSTGRES = "needs PostgreSQL: set TEST_DATABASE_URL=postgresql://…";
export const NEEDS_REDIS = "needs Redis: set REDIS_TEST_URL=redis://…";

/**
 * Options for `describe`/`it` that skip unless `condition` holds, carrying the reason to the test output:
 * `describe("…", runIf(Boolean(postgresTestUrl), NEEDS_POSTGRES), () => …)`.
 */
export function runIf(condition: boolean, reason: string): TestOptions {
  return { skip: !condition, meta: { skipReason: reason } };
}

import { z } from "zod";

/** GET /api/health: 200 with "ok" when the database answers, 503 with "unavailable" when it does not. */
export const healthSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.object({
    ok: z.boolean(),
    provider: z.string(),
    latencyMs: z.number().int(),
    // Why the database is unusable when it answers but cannot write (SQLite: the disk is full).
    problem: z.string().optional(),
  }),
  // Disk usage (issue 18): bytes the database takes, bytes free on its volume (SQLite only; null on
  // PostgreSQL), and warnings past DISK_FREE_WARN_MB / DATABASE_SIZE_WARN_MB. Absent when the database is down.
  storage: z
    .object({
      databaseBytes: z.number().int().nullable(),
      freeBytes: z.number().int().nullable(),
      warnings: z.array(z.string()),
    })
    .optional(),
  // The tamper-evident trail (issue 23) as this instance last verified it (TRAIL_VERIFY_INTERVAL_SECONDS):
  // "unchecked" before the first check or with checks off. A break leaves the status 200: the service works.
  trail: z
    .object({
      status: z.enum(["intact", "broken", "unchecked"]),
      checkedAt: z.string().nullable(),
      break: z
        .object({
          chain: z.enum(["process_changes", "audit_events"]),
          id: z.number().int().nullable(),
          problem: z.string(),
        })
        .nullable(),
    })
    .optional(),
});
export type Health = z.infer<typeof healthSchema>;

/** GET /api/health/live: the process answers (nothing else is checked). */
export const livenessSchema = z.object({ status: z.literal("ok") });
export type Liveness = z.infer<typeof livenessSchema>;

/** GET /api/health/ready: 200 when this instance can serve, 503 with what is missing when it cannot. */
export const readinessSchema = z.object({
  status: z.enum(["ready", "not ready"]),
  checks: z.object({
    // The start migrated and seeded the database (it retries while the database is down).
    boot: z.boolean(),
    database: z.boolean(),
    write: z.boolean(),
    migrations: z.boolean(),
  }),
  problems: z.array(z.string()),
});
export type Readiness = z.infer<typeof readinessSchema>;

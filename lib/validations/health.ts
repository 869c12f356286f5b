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
});
export type Health = z.infer<typeof healthSchema>;

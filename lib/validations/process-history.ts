import { z } from "zod";

// GET /api/v1/processes/{id}/history: the query, and one change as the API returns it (also the `data` of
// a `process` event on GET /api/v1/processes/events, with the process's fields at its top level).

export const HISTORY_DEFAULT_LIMIT = 50;
export const HISTORY_MAX_LIMIT = 500;

const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^[1-9]\d{0,9}$/, { error: "must be a positive integer" })
    .transform(Number)
    .refine((n) => n <= max, { error: `must be at most ${max}` });

export const historyQuerySchema = z.strictObject({
  before: positiveInt(2_147_483_647).optional(),
  limit: positiveInt(HISTORY_MAX_LIMIT).default(HISTORY_DEFAULT_LIMIT),
});

export const changedBySchema = z.object({
  type: z.enum(["user", "token", "system", "unknown"]),
  id: z.number().int().nullable(),
  name: z.string().nullable(),
});

export const processChangeSchema = z.object({
  id: z.number().int(),
  processId: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  comment: z.string(),
  previous: z.object({ name: z.string(), comment: z.string() }).nullable(),
  changedAt: z.string(),
  changedBy: changedBySchema,
  requestId: z.string().nullable(),
});

export const processHistorySchema = z.object({ changes: z.array(processChangeSchema) });

export type HistoryQuery = z.infer<typeof historyQuerySchema>;
export type ChangedBy = z.infer<typeof changedBySchema>;
export type ProcessChange = z.infer<typeof processChangeSchema>;

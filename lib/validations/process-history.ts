import { z } from "zod";
import { signatureManifestationSchema } from "@/lib/validations/change-control";

// GET /api/v1/processes/{id}/history: the query, and one change as the API returns it (also the `data` of
// a `process` event on GET /api/v1/processes/events, with the process's fields at its top level).

export const HISTORY_DEFAULT_LIMIT = 50;
export const HISTORY_MAX_LIMIT = 500;

/** A query parameter holding a whole number from 1 to `max` (paging: limits and cursors). */
export const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^[1-9]\d{0,9}$/, { error: "must be a positive integer" })
    .transform(Number)
    .refine((n) => n <= max, { error: `must be at most ${max}` });

export const historyQuerySchema = z.strictObject({
  before: positiveInt(2_147_483_647).optional(),
  limit: positiveInt(HISTORY_MAX_LIMIT).default(HISTORY_DEFAULT_LIMIT),
});

/** history:prune's --older-than: whole days, at least one (a prune never touches today's changes). */
export const retentionDaysSchema = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, { error: "--older-than must be a whole number of days from 1 to 999999" })
  .transform(Number);

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
  /** What happened to the process: created, updated or deleted (a deletion carries the last values, also in `previous`). */
  kind: z.enum(["created", "updated", "deleted"]),
  /** Why the change was made (change control, docs/decisions/032); absent when none was given. */
  reason: z.string().optional(),
  /** The electronic signature's manifestation; absent on unsigned changes. */
  signature: signatureManifestationSchema.optional(),
});

export const processHistorySchema = z.object({ changes: z.array(processChangeSchema) });

/** The `data` of a `process` event: the process as the change left it (its fields at the top level), who changed it, and what it was. */
export const processEventSchema = processChangeSchema
  .pick({
    name: true,
    comment: true,
    version: true,
    changedBy: true,
    previous: true,
    requestId: true,
    kind: true,
    reason: true,
    signature: true,
  })
  .extend({ id: z.number().int(), updatedAt: z.string() });

/** The `data` of a `reset` event: too much was missed to replay; fetch the list again. */
export const resetEventSchema = z.object({ reason: z.string() });

export type HistoryQuery = z.infer<typeof historyQuerySchema>;
export type ChangedBy = z.infer<typeof changedBySchema>;
export type ProcessChange = z.infer<typeof processChangeSchema>;
export type ProcessEvent = z.infer<typeof processEventSchema>;

/**
 * What a `process` event did to the process. Read on its own, so that a stream from before events carried
 * a kind still reads as "updated".
 */
export const processEventKindSchema = z.enum(["created", "updated", "deleted"]).catch("updated");
export type ProcessEventKind = z.infer<typeof processEventKindSchema>;

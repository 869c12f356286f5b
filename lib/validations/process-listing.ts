import { z } from "zod";
import { lastChangeSchema, processSchema } from "@/lib/validations/process";

// GET /api/v1/processes: its query, and the list it answers. `?include=lastChange` adds each process's
// newest history row (when and who) to its item; without it the answer is the plain list, unchanged.

export const LIST_INCLUDES = ["lastChange"] as const;

/** Other query parameters are ignored, as they always were: only `include` is read. */
export const processListQuerySchema = z.object({
  include: z.enum(LIST_INCLUDES, { error: 'must be "lastChange"' }).optional(),
});

export { lastChangeSchema };

/** A listed process; `lastChange` only with `?include=lastChange` (null when the process has no history). */
export const processListingItemSchema = processSchema.extend({ lastChange: lastChangeSchema.nullable().optional() });

export const processListingSchema = z.object({ processes: z.array(processListingItemSchema) });

export type ProcessListQuery = z.infer<typeof processListQuerySchema>;
export type LastChange = z.infer<typeof lastChangeSchema>;
export type ProcessListingItem = z.infer<typeof processListingItemSchema>;
export type ProcessListing = z.infer<typeof processListingSchema>;

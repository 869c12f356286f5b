import { z } from "zod";
import { processIdSchema } from "@/lib/validations/process";

// Presence on the processes page (docs/decisions/030-presence.md): the page's own small write, and what the
// event stream tells every open page about the others.

/** Rows one page may say it edits; more are the page's business, not the others'. */
export const MAX_EDITING_IDS = 50;

/** A page's id: 22 base64url characters the page draws itself (16 random bytes). */
export const presencePageParamSchema = z.strictObject({
  path: z.strictObject({ page: z.string().regex(/^[A-Za-z0-9_-]{22}$/, { error: "must be 22 base64url characters" }) }),
});

/** PUT /api/v1/presence/{page}: the rows this page has edits in now (empty: it only looks). */
export const presenceUpdateSchema = z.strictObject({
  editing: z
    .array(processIdSchema)
    .max(MAX_EDITING_IDS)
    .refine((ids) => new Set(ids).size === ids.length, { error: "ids must not repeat" }),
});

export const presenceAnswerSchema = z.object({
  /** The caller: the page leaves itself out of what it shows. */
  userId: z.number().int(),
  /** The page is counted for this long after each write; it writes again well before. */
  ttlSeconds: z.number().int(),
});

/** One person with the list open, on any instance: their pages and the rows those pages edit. */
export const presencePersonSchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  pages: z.number().int(),
  editing: z.array(z.number().int()),
});

/** The `presence` event's data: everyone with the list open now, by name. */
export const presenceSnapshotSchema = z.object({ people: z.array(presencePersonSchema) });

export type PresenceUpdate = z.infer<typeof presenceUpdateSchema>;
export type PresencePerson = z.infer<typeof presencePersonSchema>;
export type PresenceSnapshot = z.infer<typeof presenceSnapshotSchema>;

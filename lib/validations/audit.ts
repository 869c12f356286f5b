import { z } from "zod";
import { auditActionSchema } from "@/lib/audit/audit-actions";
import { positiveInt } from "@/lib/validations/process-history";

// GET /api/v1/audit (and its CSV): the query, and one security event as the API returns it.

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 500;

const instant = z.iso.datetime({ offset: true, error: "must be a date and time (ISO 8601, with a time zone)" });

/** The filters the page and the CSV share (all optional; together they narrow). */
export const auditFilterSchema = z.strictObject({
  /** Part of the actor's or the target's email or name. */
  person: z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(254, { error: "must be at most 254 characters" })
    .optional(),
  action: auditActionSchema.optional(),
  /** From this instant on (inclusive). */
  from: instant.optional(),
  /** Before this instant (exclusive). */
  to: instant.optional(),
});

export const auditQuerySchema = auditFilterSchema.extend({
  /** The `nextCursor` of the previous page: only older events. */
  cursor: positiveInt(2_147_483_647).optional(),
  limit: positiveInt(AUDIT_MAX_LIMIT).default(AUDIT_DEFAULT_LIMIT),
});

export const auditPartySchema = z.object({
  type: z.string(),
  id: z.string().nullable(),
  name: z.string().nullable(),
});

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  /** user, token, system (the CLI) or anonymous (a refused sign-in). */
  actor: auditPartySchema,
  /** user, session or token; null when the event names nobody besides its actor. */
  target: auditPartySchema.nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  /** What else the event says (a refusal's reason, a role): never a secret. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  /** Pass as `cursor` for the next (older) page; null when this page is the last. */
  nextCursor: z.string().nullable(),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export type AuditEventView = z.infer<typeof auditEventSchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;

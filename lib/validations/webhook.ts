import { z } from "zod";
import { idSchema } from "@/lib/validations/id";
import { issue } from "@/lib/validations/issues";

// Webhook subscriptions (issue 26): the create body, a subscription as listed, its deliveries.

export const WEBHOOK_KINDS = ["created", "updated", "deleted"] as const;
export const MAX_WEBHOOK_URL_LENGTH = 2000;
export const MAX_WEBHOOK_PROCESS_IDS = 1000;

export const webhookUrlSchema = z
  .string({ error: "must be a string" })
  .max(MAX_WEBHOOK_URL_LENGTH, { error: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` })
  .refine(
    (v) => {
      if (!URL.canParse(v)) return false;
      const url = new URL(v);
      return ["http:", "https:"].includes(url.protocol) && !url.username && !url.password && !url.hash;
    },
    { error: issue("webhookUrl") },
  );

export const webhookCreateSchema = z.strictObject({
  url: webhookUrlSchema,
  /** Which processes: null (or absent) for all of them. */
  processIds: z
    .array(idSchema)
    .min(1, { error: "must list at least one id, or be null for all processes" })
    .max(MAX_WEBHOOK_PROCESS_IDS, { error: `must list at most ${MAX_WEBHOOK_PROCESS_IDS} ids` })
    .nullable()
    .default(null),
  kinds: z
    .array(z.enum(WEBHOOK_KINDS, { error: "must be created, updated or deleted" }))
    .min(1, { error: issue("someKind") })
    .default([...WEBHOOK_KINDS]),
  /** true: the changes queued together go in one delivery (a JSON array); false: one delivery per change. */
  batch: z.boolean({ error: "must be true or false" }).default(false),
});

export const deliveryStatusSchema = z.enum(["pending", "delivered", "failed"]);

export const webhookSummarySchema = z.object({
  id: z.number().int(),
  url: z.string(),
  processIds: z.array(z.number().int()).nullable(),
  kinds: z.array(z.enum(WEBHOOK_KINDS)),
  batch: z.boolean(),
  createdAt: z.string(),
  /** The newest change id queued for it: it receives every change after this one. */
  cursor: z.number().int(),
  deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
});

export const webhookDeliverySchema = z.object({
  id: z.number().int(),
  /** The `webhook-id` header, the same on every attempt: receivers deduplicate by it. */
  messageId: z.string(),
  firstChangeId: z.number().int(),
  lastChangeId: z.number().int(),
  changes: z.number().int(),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  queuedAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** The target's HTTP status of the newest attempt; null when it gave none (refused, timed out). */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastDurationMs: z.number().int().nullable(),
  deliveredAt: z.string().nullable(),
});

export type WebhookCreate = z.input<typeof webhookCreateSchema>;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];
export type WebhookSummary = z.infer<typeof webhookSummarySchema>;
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookListSchema = z.object({ webhooks: z.array(webhookSummarySchema) });
/** POST /webhooks: the secret appears in this answer only. */
export const webhookCreatedSchema = z.object({ webhook: webhookSummarySchema, secret: z.string() });
export const webhookDeletedSchema = z.object({ webhook: webhookSummarySchema });
export const webhookDeliveryListSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });
export const webhookDeliveryRetriedSchema = z.object({ delivery: webhookDeliverySchema });

import { z } from "zod";
import { issue } from "@/lib/validations/issues";
import { MAX_ID } from "@/lib/validations/id";
import { WEBHOOK_KINDS, webhookCreateSchema, type WebhookCreate } from "@/lib/validations/webhook";

/** The API's create schema for the URL, kinds and batching; the processes as people type them (ids, commas). */
export const webhookFormSchema = webhookCreateSchema.pick({ url: true, batch: true }).extend({
  processIds: z
    .string()
    .refine(
      (v) => v.trim() === "" || v.split(",").every((id) => /^\s*[1-9]\d{0,9}\s*$/.test(id) && Number(id) <= MAX_ID),
      { error: issue("idList") },
    ),
  kinds: z.array(z.enum(WEBHOOK_KINDS)).min(1, { error: issue("someKind") }),
});

export type WebhookForm = z.input<typeof webhookFormSchema>;

export const toWebhookCreate = (form: z.output<typeof webhookFormSchema>): WebhookCreate => ({
  url: form.url.trim(),
  processIds: form.processIds.trim() === "" ? null : form.processIds.split(",").map((id) => Number(id.trim())),
  kinds: form.kinds,
  batch: form.batch,
});

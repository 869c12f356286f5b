import { z } from "zod";
import { changeReasonSchema, signatureInputSchema } from "@/lib/validations/change-control";
import { idSchema } from "@/lib/validations/id";
import { changedBySchema } from "@/lib/validations/process-history";
import { multiLineText, singleLineText } from "@/lib/validations/text";

// Shared by the API route handlers and the settings page's forms (zodResolver): one schema per shape.

export const MAX_NAME_LENGTH = 100;
export const MAX_COMMENT_LENGTH = 1_000;
export const MAX_BULK_ITEMS = 10_000;

export const processIdSchema = idSchema;

export const processNameSchema = singleLineText(MAX_NAME_LENGTH);

export const processCommentSchema = multiLineText(MAX_COMMENT_LENGTH);

/** The editable fields of one process: the body of PUT /processes/{id} and one row of the page's form. */
export const processFieldsSchema = z.strictObject({
  name: processNameSchema,
  comment: processCommentSchema,
});

/** A process's version: 1 when created, one more with every change. */
export const processVersionSchema = z
  .number({ error: "must be an integer" })
  .int({ error: "must be an integer" })
  .min(1, { error: "must be at least 1" })
  .max(2_147_483_647, { error: "must be at most 2147483647" });

/** The newest change of a process: when, and who made it (GET /processes?include=lastChange). */
export const lastChangeSchema = z.object({ changedAt: z.string(), changedBy: changedBySchema });

// A process exactly as GET returned it (also with `?include=lastChange`) is a valid PUT body: `version` is the
// precondition (the write is refused with 1007 when the process has moved on), the rest is read-only and ignored.
const readBack = {
  version: processVersionSchema.optional(),
  createdAt: z.string({ error: "must be a string" }).optional(),
  updatedAt: z.string({ error: "must be a string" }).optional(),
  lastChange: lastChangeSchema.nullable().optional(),
};

// Change control (docs/decisions/032-change-control.md): why (also the Change-Reason header) and, under the
// signature policy, the person's electronic signature. Accepted whatever the policy; used as it says.
const changeControl = { reason: changeReasonSchema.optional(), signature: signatureInputSchema.optional() };

/** PUT /processes/{id} body: an `id` may be repeated, but only if it equals the path's (checked by the handler). */
export const processUpdateSchema = processFieldsSchema.extend({
  id: processIdSchema.optional(),
  ...readBack,
  ...changeControl,
});

/** One item of a bulk PUT: its own reason, if it has one, wins over the request's. */
export const processItemSchema = processFieldsSchema.extend({
  id: processIdSchema,
  ...readBack,
  reason: changeReasonSchema.optional(),
});

export const processesUpdateSchema = z.strictObject({
  ...changeControl,
  processes: z
    .array(processItemSchema, { error: "must be an array" })
    .min(1, { error: "must hold at least one process" })
    .max(MAX_BULK_ITEMS, { error: `must hold at most ${MAX_BULK_ITEMS} processes` })
    .superRefine((items, ctx) => {
      const firstIndex = new Map<number, number>();
      items.forEach((item, index) => {
        const first = firstIndex.get(item.id);
        if (first === undefined) firstIndex.set(item.id, index);
        else
          ctx.addIssue({
            code: "custom",
            path: [index, "id"],
            message: `duplicate id ${item.id} (also at /processes/${first}/id)`,
          });
      });
    }),
});

/** A process as the API returns it. */
export const processSchema = processFieldsSchema.extend({
  id: processIdSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const processListSchema = z.object({ processes: z.array(processSchema) });

export type ProcessFields = z.infer<typeof processFieldsSchema>;
export type ProcessItem = z.infer<typeof processItemSchema>;
export type ProcessesUpdate = z.infer<typeof processesUpdateSchema>;
export type Process = z.infer<typeof processSchema>;
export type ProcessList = z.infer<typeof processListSchema>;

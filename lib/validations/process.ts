import { z } from "zod";
import { idSchema } from "@/lib/validations/id";
import { issue } from "@/lib/validations/issues";

// Shared by the API route handlers and the settings page's forms (zodResolver): one schema per shape.

export const MAX_NAME_LENGTH = 100;
export const MAX_COMMENT_LENGTH = 1_000;
export const MAX_BULK_ITEMS = 10_000;

// C0, DEL and C1 controls; the comment allows newline and tab.
const NAME_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const COMMENT_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Length in code points, as a person counts characters (an emoji is one, not two). */
const codePoints = (s: string) => Array.from(s).length;

export const processIdSchema = idSchema;

export const processNameSchema = z
  .string({ error: issue("notString") })
  .trim()
  .refine((s) => codePoints(s) >= 1, { error: issue("empty") })
  .refine((s) => codePoints(s) <= MAX_NAME_LENGTH, { error: issue("tooLong", { max: MAX_NAME_LENGTH }) })
  .refine((s) => !NAME_CONTROL.test(s), { error: issue("control") });

export const processCommentSchema = z
  .string({ error: issue("notString") })
  .refine((s) => codePoints(s) <= MAX_COMMENT_LENGTH, { error: issue("tooLong", { max: MAX_COMMENT_LENGTH }) })
  .refine((s) => !COMMENT_CONTROL.test(s), { error: issue("controlComment") });

/** The editable fields of one process: the body of PUT /processes/{id} and one row of the page's form. */
export const processFieldsSchema = z.strictObject({
  name: processNameSchema,
  comment: processCommentSchema,
});

/** PUT /processes/{id} body: an `id` may be repeated, but only if it equals the path's (checked by the handler). */
export const processUpdateSchema = processFieldsSchema.extend({ id: processIdSchema.optional() });

export const processItemSchema = processFieldsSchema.extend({ id: processIdSchema });

export const processesUpdateSchema = z.strictObject({
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
export const processSchema = processItemSchema.extend({
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

import { z } from "zod";

/** RFC 9457 problem details, as every API error answers; parsed by the page to place each error. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.number().int().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  requestId: z.string().optional(),
  /** 1007: the current state (one process, or the listed processes of a bulk request). */
  current: z.unknown().optional(),
});

export type Problem = z.infer<typeof problemSchema>;

/** GET /api/v1/errors: the closed code table (lib/errors.ts). */
export const errorTableSchema = z.object({
  errors: z.array(z.object({ code: z.number().int(), status: z.number().int(), title: z.string() })),
});

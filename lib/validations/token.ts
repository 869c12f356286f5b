import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";
import { issue } from "@/lib/validations/issues";

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 90 * 24 * 60 * 60;
export const MAX_TOKEN_LIFETIME_SECONDS = 365 * 24 * 60 * 60;

export const tokenCreateSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, { error: issue("empty") })
    .max(100, { error: issue("tooLong", { max: 100 }) }),
  role: roleSchema,
  expiresInSeconds: z
    .number()
    .int()
    .min(1, { error: issue("minSecond") })
    .max(MAX_TOKEN_LIFETIME_SECONDS, { error: issue("maxYear") })
    .default(DEFAULT_TOKEN_LIFETIME_SECONDS),
});

/** A token as listed: never its secret. */
export const tokenSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export type TokenCreate = z.input<typeof tokenCreateSchema>;
export type TokenSummary = z.infer<typeof tokenSummarySchema>;

import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";
import { issue } from "@/lib/validations/issues";
import { singleLineText } from "@/lib/validations/text";

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 90 * 24 * 60 * 60;
export const MAX_TOKEN_NAME_LENGTH = 100;
export const MAX_TOKEN_LIFETIME_SECONDS = 365 * 24 * 60 * 60;

export const tokenCreateSchema = z.strictObject({
  // The rules of a process name: one line, 1 to 100 characters, no control characters, well-formed Unicode.
  name: singleLineText(MAX_TOKEN_NAME_LENGTH),
  role: roleSchema,
  expiresInSeconds: z
    .number()
    .int()
    .min(1, { error: issue("minSecond") })
    .max(MAX_TOKEN_LIFETIME_SECONDS, { error: issue("maxYear") })
    .default(DEFAULT_TOKEN_LIFETIME_SECONDS),
  // Change control (docs/decisions/032): a plant system whose writes to protected processes are accepted under
  // electronic signatures, recorded as their signer. Other tokens are refused there.
  machineWriter: z.boolean({ error: "must be true or false" }).default(false),
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
  machineWriter: z.boolean(),
});

export type TokenCreate = z.input<typeof tokenCreateSchema>;
export type TokenSummary = z.infer<typeof tokenSummarySchema>;

// Answers of the token routes (published in the OpenAPI document, lib/openapi).
export const tokenListSchema = z.object({ tokens: z.array(tokenSummarySchema) });
/** POST /tokens: the secret appears in this answer only. */
export const tokenCreatedSchema = z.object({ token: tokenSummarySchema, secret: z.string() });
export const tokenRevokedSchema = z.object({ token: tokenSummarySchema });

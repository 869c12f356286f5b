import { z } from "zod";
import { issue } from "@/lib/validations/issues";
import { DEFAULT_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, tokenCreateSchema } from "@/lib/validations/token";

const DAY = 24 * 60 * 60;
export const DEFAULT_DAYS = DEFAULT_TOKEN_LIFETIME_SECONDS / DAY;
export const MAX_DAYS = MAX_TOKEN_LIFETIME_SECONDS / DAY;

/** The API's create schema for name and role; the lifetime in days, as people choose it (sent as seconds). */
export const tokenFormSchema = tokenCreateSchema.pick({ name: true, role: true }).extend({
  machineWriter: z.boolean(),
  expiresInDays: z
    .number({ error: issue("days") })
    .int({ error: issue("wholeDays") })
    .min(1, { error: issue("minDays", { min: 1 }) })
    .max(MAX_DAYS, { error: issue("maxDays", { max: MAX_DAYS }) }),
});

export type TokenForm = z.input<typeof tokenFormSchema>;
export const daysToSeconds = (days: number) => days * DAY;

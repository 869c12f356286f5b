import { z } from "zod";

/** Ids are 32-bit signed integers on PostgreSQL (SQLite's are wider), so PostgreSQL sets the limit. */
export const MAX_ID = 2_147_483_647;

/** An id in a JSON body: a number, never a string. */
export const idSchema = z
  .number({ error: "must be a number" })
  .int({ error: "must be an integer" })
  .min(1, { error: "must be a positive integer" })
  .max(MAX_ID, { error: `must be at most ${MAX_ID}` });

/** The one message for any bad id in a path or on the command line, whatever was sent. */
export const ID_PARAM_MESSAGE = `must be an integer from 1 to ${MAX_ID}, in digits without a sign or leading zero`;

/** An id as a path segment or CLI argument: digits only, no sign, no leading zero, within the column. */
export const idParamSchema = z
  .string()
  .refine((s) => /^[1-9][0-9]{0,9}$/.test(s) && Number(s) <= MAX_ID, { error: ID_PARAM_MESSAGE })
  .transform(Number);

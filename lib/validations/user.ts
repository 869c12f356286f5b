import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";
import { issue } from "@/lib/validations/issues";

export const emailSchema = z
  .email({ error: issue("email") })
  .trim()
  .toLowerCase()
  .max(254);
export const passwordSchema = z
  .string()
  .min(12, { error: issue("tooShort", { min: 12 }) })
  .max(200, { error: issue("tooLong", { max: 200 }) });

export const userCreateSchema = z.strictObject({ email: emailSchema, password: passwordSchema, role: roleSchema });

/** The sign-in form: no rule beyond presence, so a refusal says nothing about which part was wrong. */
export const signInSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .min(1, { error: issue("enterEmail") }),
  password: z.string().min(1, { error: issue("enterPassword") }),
});

export type UserCreate = z.infer<typeof userCreateSchema>;
export type SignIn = z.infer<typeof signInSchema>;

export const userSetPasswordSchema = userCreateSchema.pick({ email: true, password: true });

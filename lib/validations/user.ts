import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";

export const emailSchema = z.email({ error: "must be an email address" }).trim().toLowerCase().max(254);
export const passwordSchema = z
  .string()
  .min(12, { error: "must be at least 12 characters" })
  .max(200, { error: "must be at most 200 characters" });

export const userCreateSchema = z.strictObject({ email: emailSchema, password: passwordSchema, role: roleSchema });

/** The sign-in form: no rule beyond presence, so a refusal says nothing about which part was wrong. */
export const signInSchema = z.strictObject({
  email: z.string().trim().min(1, { error: "Enter your email" }),
  password: z.string().min(1, { error: "Enter your password" }),
});

export type UserCreate = z.infer<typeof userCreateSchema>;
export type SignIn = z.infer<typeof signInSchema>;

export const userSetPasswordSchema = userCreateSchema.pick({ email: true, password: true });

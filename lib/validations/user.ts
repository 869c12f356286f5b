import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";
import { issue } from "@/lib/validations/issues";
import { NOT_WELL_FORMED, wellFormedString } from "@/lib/validations/text";

export const emailSchema = z
  .email({ error: issue("email") })
  .trim()
  .toLowerCase()
  .max(254)
  // Refused as not an email address anyway; said too, so that the real reason is among the errors. `when`
  // runs this also after other failures, a missing email (undefined) included.
  .refine((s: unknown) => typeof s !== "string" || s.isWellFormed(), { error: NOT_WELL_FORMED, when: () => true });
export const passwordSchema = wellFormedString()
  .min(12, { error: issue("tooShort", { min: 12 }) })
  .max(200, { error: issue("tooLong", { max: 200 }) });

export const userCreateSchema = z.strictObject({ email: emailSchema, password: passwordSchema, role: roleSchema });

/** The sign-in form: no rule beyond presence, so a refusal says nothing about which part was wrong. */
export const signInSchema = z.strictObject({
  email: wellFormedString()
    .trim()
    .min(1, { error: issue("enterEmail") }),
  password: wellFormedString().min(1, { error: issue("enterPassword") }),
});

export type UserCreate = z.infer<typeof userCreateSchema>;
export type SignIn = z.infer<typeof signInSchema>;

export const userSetPasswordSchema = userCreateSchema.pick({ email: true, password: true });
export const userSetRoleSchema = userCreateSchema.pick({ email: true, role: true });
export const userEmailSchema = userCreateSchema.pick({ email: true });

/** The directory sign-in form: a login (sAMAccountName-like name or mail) and a password, both present. */
export const directorySignInSchema = z.strictObject({
  login: wellFormedString()
    .trim()
    .min(1, { error: issue("enterLogin") })
    .max(256),
  password: wellFormedString()
    .min(1, { error: issue("enterPassword") })
    .max(1024),
});
export type DirectorySignIn = z.infer<typeof directorySignInSchema>;

import "server-only";
import { type z } from "zod";
import { issue } from "@/lib/validations/issues";
import { passwordChangeSchema } from "@/lib/validations/account";
import { weaknessOf } from "@/lib/validations/password-strength";
import { passwordSchema } from "@/lib/validations/user";

// A password a person chooses (set-password link, first sign-in, account page, a Super user's initial
// password): the length rule (12 to 200 characters) and a strength estimate (zxcvbn-ts, score 3 or more), in one
// place for every route. Server-only: the estimate's dictionaries stay out of the browser (password-strength.ts);
// a form checks `passwordSchema` (length) and shows the server's 1001 pointer for a weak password.

type Person = { email?: string | null; name?: string | null };

function strong(person: Person, path: string[] = []) {
  return (password: string, ctx: z.RefinementCtx) => {
    // The length rule has spoken already; a short or overlong password is not also estimated.
    if (password.length < 12 || password.length > 200) return;
    const reason = weaknessOf(password, person);
    if (reason) ctx.addIssue({ code: "custom", message: issue(reason), path });
  };
}

/** A check of `password` inside a body that also names the person (a new user's email and name). */
export const strongPasswordOf = (person: Person) => strong(person, ["password"]);

/** A new password, for anyone: length and strength. */
export const newPasswordSchema = passwordSchema.superRefine(strong({}));

/** A new password for this person: also refused when it contains their email's local part or their name. */
export const newPasswordSchemaFor = (person: Person) => passwordSchema.superRefine(strong(person));

/** PUT /api/v1/account/password as the route reads it: the new password also passes the strength check. */
export const passwordChangeWithStrengthFor = (person: Person) =>
  passwordChangeSchema.extend({ newPassword: newPasswordSchemaFor(person) });

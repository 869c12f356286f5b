import { passwordSchema } from "@/lib/validations/user";

// A password a person chooses (set-password link, first sign-in, account page, a Super user's initial
// password). Issue 20 adds a strength estimate beside the length rule here, in one place for every form and route.
export const newPasswordSchema = passwordSchema;

import "server-only";
import { newPasswordSchema, strongPasswordOf } from "@/lib/validations/password";
import { passwordLinkUseSchema as linkUseShape, userAddSchema as userAddShape } from "@/lib/validations/users";

// The users routes' bodies as the server reads them: lib/validations/users.ts's shapes (which the forms share,
// with the length rule) and the strength estimate on a new password, which runs on the server only.

/**
 * POST /api/v1/users: an initial password must also pass the strength estimate, which knows the new user's
 * email and name (a password that contains them is refused, as on the account page).
 */
export const userAddSchema = userAddShape.superRefine((input, ctx) => {
  if (input.password !== undefined) strongPasswordOf(input)(input.password, ctx);
});

/**
 * POST /api/v1/password-links/use: the chosen password must also pass the strength estimate (and, once the
 * link says whose it is, not contain their email or name: lib/users/password-links.ts).
 */
export const passwordLinkUseSchema = linkUseShape.extend({ password: newPasswordSchema });

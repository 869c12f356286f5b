import "server-only";
import { newPasswordSchema } from "@/lib/validations/password";
import { passwordLinkUseSchema as linkUseShape, userAddSchema as userAddShape } from "@/lib/validations/users";

// The users routes' bodies as the server reads them: lib/validations/users.ts's shapes (which the forms share,
// with the length rule) and the strength estimate on a new password, which runs on the server only.

/** POST /api/v1/users: an initial password must also pass the strength estimate. */
export const userAddSchema = userAddShape.extend({ password: newPasswordSchema.optional() });

/** POST /api/v1/password-links/use: the chosen password must also pass the strength estimate. */
export const passwordLinkUseSchema = linkUseShape.extend({ password: newPasswordSchema });

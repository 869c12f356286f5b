import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";
import { LOCALES } from "@/lib/i18n/locale";
import { issue } from "@/lib/validations/issues";
import { passwordSchema } from "@/lib/validations/user";
import { wellFormedString } from "@/lib/validations/text";

// The account routes (/api/v1/account…) and the account page: one's own password, sessions and language.
// The new password's strength is checked on the server only (lib/validations/password.ts); the page's form
// checks the length here and shows the server's refusal for the rest.

/** PUT /api/v1/account/password. The document and the form use this; the route adds the strength check. */
export const passwordChangeSchema = z.strictObject({
  currentPassword: wellFormedString().min(1, { error: issue("enterPassword") }),
  newPassword: passwordSchema,
});

/** PATCH /api/v1/account: the page's language, or null to follow the browser. */
export const accountUpdateSchema = z.strictObject({ locale: z.enum(LOCALES).nullable() });

export const accountSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  /** local, ldap or oidc: only local accounts change their password here. */
  source: z.string(),
  locale: z.enum(LOCALES).nullable(),
  lastSignInAt: z.string().nullable(),
});

/** A session as its owner sees it; `id` is derived from the session (the cookie's own id never leaves the server). */
export const accountSessionSchema = z.object({
  id: z.string(),
  device: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  expiresAt: z.string(),
  /** The session this request came with. */
  current: z.boolean(),
});

/** A session id in a path: what accountSessionSchema's id looks like. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const accountAnswerSchema = z.object({ account: accountSchema });
export const accountSessionListSchema = z.object({ sessions: z.array(accountSessionSchema) });
export const accountSessionEndedSchema = z.object({ session: accountSessionSchema });
export const passwordChangedSchema = z.object({
  /** The caller's other sessions, which the change ended (this one stays). */
  endedSessions: z.number().int(),
});

export type PasswordChange = z.infer<typeof passwordChangeSchema>;
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;
export type Account = z.infer<typeof accountSchema>;
export type AccountSession = z.infer<typeof accountSessionSchema>;

/** `{sessionId}` of DELETE /api/v1/account/sessions/{sessionId}, parsed as `{ path: { sessionId } }`. */
export const sessionIdParamSchema = z.object({
  path: z.object({
    sessionId: z.string().regex(SESSION_ID_PATTERN, { error: "must be a session id as listed (22 characters)" }),
  }),
});

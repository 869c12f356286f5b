import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";
import { issue } from "@/lib/validations/issues";
import { codePoints, wellFormedString } from "@/lib/validations/text";
import { emailSchema, passwordSchema } from "@/lib/validations/user";

// The users page and /api/v1/users (issue 20): one schema per shape, shared by the handlers and the page's forms.
// A new password's length is checked here; its strength only on the server (lib/validations/users-strength.ts,
// which the routes parse with): the estimate's dictionaries stay out of the browser (docs/decisions/025).

export const MAX_USER_NAME_LENGTH = 100;
export const USER_SOURCES = ["local", "ldap", "oidc"] as const;
/** disabled wins over must-change-password; must-change-password: no password of their own chosen yet. */
export const USER_STATUSES = ["active", "disabled", "must-change-password"] as const;

const LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A display name: one line, trimmed, 0 to 100 characters (empty: the page shows the email). */
export const userNameSchema = wellFormedString()
  .trim()
  .refine((s) => codePoints(s) <= MAX_USER_NAME_LENGTH, { error: issue("tooLong", { max: MAX_USER_NAME_LENGTH }) })
  .refine((s) => !LINE_CONTROL.test(s), { error: issue("control") });

/**
 * POST /users: a local user. Without `password` the answer carries a one-time set-password link (24 h); with
 * it, that is their initial password, which they must change at their first sign-in.
 */
export const userAddSchema = z.strictObject({
  email: emailSchema,
  name: userNameSchema.default(""),
  role: roleSchema,
  password: passwordSchema.optional(),
});

/** PATCH /users/{id}: any of these, at least one. */
export const userPatchSchema = z
  .strictObject({
    name: userNameSchema.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean({ error: "must be true or false" }).optional(),
    // The right to approve others' change requests (four-eyes, docs/decisions/043).
    approver: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((v) => v.name !== undefined || v.role !== undefined || v.disabled !== undefined || v.approver !== undefined, {
    error: "must name at least one of name, role, disabled",
  });

export const userSourceSchema = z.enum(USER_SOURCES);
export const userStatusSchema = z.enum(USER_STATUSES);

/** A user as listed: never a password or a link's secret. */
export const userSummarySchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  source: userSourceSchema,
  status: userStatusSchema,
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  openSessions: z.number().int(),
  approver: z.boolean().optional(),
});

/** A one-time set-password link: the URL holds the secret (after `#`, so it reaches no server log). */
export const passwordLinkSchema = z.object({ url: z.string(), expiresAt: z.string() });

export const userListSchema = z.object({ users: z.array(userSummarySchema) });
export const userOneSchema = z.object({ user: userSummarySchema });
export const userCreatedSchema = z.object({ user: userSummarySchema, link: passwordLinkSchema.nullable() });
export const userPasswordLinkSchema = z.object({ user: userSummarySchema, link: passwordLinkSchema });
export const userSessionsEndedSchema = z.object({ user: userSummarySchema, ended: z.number().int() });

// The public set-password page: the link's secret travels in the body, never in a URL the server sees.
const linkTokenSchema = wellFormedString()
  .min(1, { error: issue("empty") })
  .max(200, { error: issue("tooLong", { max: 200 }) });
export const passwordLinkCheckSchema = z.strictObject({ token: linkTokenSchema });
export const passwordLinkUseSchema = z.strictObject({ token: linkTokenSchema, password: passwordSchema });
export const passwordLinkUsedSchema = z.object({ email: z.string() });
export const passwordLinkInfoSchema = z.object({ email: z.string(), name: z.string(), expiresAt: z.string() });
/** The set-password form on the page (the token comes from the address, not from a field). */
export const setPasswordFormSchema = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: issue("passwordsDiffer") });

/** The page's create form: a one-time link, or an initial password checked by the rules of a new password. */
export const userAddFormSchema = z
  .object({
    email: emailSchema,
    name: userNameSchema,
    role: roleSchema,
    setup: z.enum(["link", "password"]),
    password: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.setup !== "password") return;
    const checked = passwordSchema.safeParse(v.password);
    for (const i of checked.success ? [] : checked.error.issues)
      ctx.addIssue({ code: "custom", path: ["password"], message: i.message });
  });
export type UserAddForm = z.input<typeof userAddFormSchema>;

export type UserAdd = z.input<typeof userAddSchema>;
export type UserPatch = z.infer<typeof userPatchSchema>;
export type UserSource = z.infer<typeof userSourceSchema>;
export type UserStatus = z.infer<typeof userStatusSchema>;
export type UserSummary = z.infer<typeof userSummarySchema>;
export type PasswordLink = z.infer<typeof passwordLinkSchema>;
export type PasswordLinkInfo = z.infer<typeof passwordLinkInfoSchema>;

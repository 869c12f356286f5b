import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { issuePasswordLink } from "@/lib/users/password-links";
import { auditTarget, inUsersTransaction, readUserSummary, type UserChangeContext } from "@/lib/users/user-records";
import type { PasswordLink, UserAdd, UserSummary } from "@/lib/validations/users";
import { userAddSchema } from "@/lib/validations/users-strength";

export const emailTaken = (email: string) =>
  new AppError(1001, `A user with email ${email} exists already`, {
    errors: [{ pointer: "/email", detail: "is taken" }],
  });

/**
 * Creates a local user. Without a password they get a one-time set-password link (24 h; its secret is in this
 * answer only); with one, it is their initial password and the first sign-in must replace it.
 */
export async function createLocalUser(
  options: UserAdd,
  ctx: UserChangeContext,
): Promise<{ user: UserSummary; link: PasswordLink | null }> {
  const input = userAddSchema.parse(options);
  const passwordHash = input.password === undefined ? "" : await hashPassword(input.password);
  return inUsersTransaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))
      throw emailTaken(input.email);
    const row = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash, mustChangePassword: true },
      select: { id: true, email: true },
    });
    const link = input.password === undefined ? (await issuePasswordLink(tx, { userId: row.id })).link : null;
    await recordAudit(
      {
        action: "user.created",
        ...ctx,
        target: auditTarget(row),
        detail: { role: input.role, source: "local", setup: link ? "link" : "initial password" },
      },
      tx,
    );
    return { user: await readUserSummary(tx, row.id), link };
  });
}

import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { forgetUserSessions } from "@/lib/auth/sessions";
import { checkGuardRails } from "@/lib/users/guard-rails";
import { issuePasswordLink } from "@/lib/users/password-links";
import {
  auditTarget,
  inUsersTransaction,
  readUserSummary,
  toUserSummary,
  unknownUser,
  USER_ROW,
  type UserChangeContext,
} from "@/lib/users/user-records";
import type { PasswordLink, UserSummary } from "@/lib/validations/users";

/**
 * A new one-time set-password link (24 h) for a local user: their older links end, and their current password
 * stops working (a reset is also what follows a leaked password). Their open sessions stay: ending them is its
 * own action.
 */
export async function resetUserPassword(
  options: { id: number },
  ctx: UserChangeContext,
): Promise<{ user: UserSummary; link: PasswordLink }> {
  return inUsersTransaction(async (tx) => {
    const row = await tx.user.findUnique({ where: { id: options.id }, select: USER_ROW });
    if (!row) throw unknownUser(options.id);
    await checkGuardRails(tx, ctx, row, "password");
    await tx.user.update({ where: { id: row.id }, data: { passwordHash: "", mustChangePassword: true } });
    const { link } = await issuePasswordLink(tx, { userId: row.id });
    await recordAudit({ action: "password.reset", ...ctx, target: auditTarget(row) }, tx);
    return { user: await readUserSummary(tx, row.id), link };
  });
}

/** Ends every session of the user (on every instance within 1.5 s, on this one at once); returns how many. */
export async function endSessionsOfUser(
  options: { id: number },
  ctx: UserChangeContext,
): Promise<{ user: UserSummary; ended: number }> {
  const outcome = await inUsersTransaction(async (tx) => {
    const row = await tx.user.findUnique({ where: { id: options.id }, select: USER_ROW });
    if (!row) throw unknownUser(options.id);
    const { count } = await tx.session.deleteMany({ where: { userId: row.id } });
    await recordAudit(
      { action: "sessions.ended", ...ctx, target: auditTarget(row), detail: { count, reason: "ended" } },
      tx,
    );
    return { user: await readUserSummary(tx, row.id), ended: count };
  });
  forgetUserSessions({ userId: options.id });
  return outcome;
}

/** Deletes a user; their sessions and links go with them, their audit events and the tokens they created stay. */
export async function deleteUser(options: { id: number }, ctx: UserChangeContext): Promise<UserSummary> {
  const summary = await inUsersTransaction(async (tx) => {
    const row = await tx.user.findUnique({ where: { id: options.id }, select: USER_ROW });
    if (!row) throw unknownUser(options.id);
    await checkGuardRails(tx, ctx, row, "delete");
    const ended = await tx.session.deleteMany({ where: { userId: row.id } });
    await tx.user.delete({ where: { id: row.id } });
    const base = { ...ctx, target: auditTarget(row) };
    if (ended.count > 0)
      await recordAudit({ ...base, action: "sessions.ended", detail: { count: ended.count, reason: "deleted" } }, tx);
    await recordAudit({ ...base, action: "user.deleted", detail: { role: row.role, source: row.source } }, tx);
    return toUserSummary(row, 0);
  });
  forgetUserSessions({ userId: options.id });
  return summary;
}

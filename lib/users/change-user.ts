import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { highestRole, type Role } from "@/lib/auth/roles";
import { forgetUserSessions } from "@/lib/auth/sessions";
import { checkGuardRails } from "@/lib/users/guard-rails";
import {
  auditTarget,
  inUsersTransaction,
  readUserSummary,
  unknownUser,
  USER_ROW,
  type UserChangeContext,
} from "@/lib/users/user-records";
import type { UserPatch, UserSummary } from "@/lib/validations/users";

/**
 * Changes a user's name, role and/or disabled state in one transaction, each change with its audit event; a
 * value equal to the stored one changes nothing and records nothing. Every rule is checked before anything is
 * written, so a refusal (1008) changes nothing. A role change leaves the sessions open: the role is read per
 * request, so the new one applies within seconds (docs/decisions/024). Disabling ends the user's sessions.
 */
export async function changeUser(options: { id: number } & UserPatch, ctx: UserChangeContext): Promise<UserSummary> {
  const result = await inUsersTransaction(async (tx) => {
    const row = await tx.user.findUnique({ where: { id: options.id }, select: USER_ROW });
    if (!row) throw unknownUser(options.id);
    const role = options.role !== undefined && options.role !== row.role ? options.role : undefined;
    const name = options.name !== undefined && options.name !== row.name ? options.name : undefined;
    const disabled = options.disabled !== undefined && options.disabled !== row.disabled ? options.disabled : undefined;
    const approver = options.approver !== undefined && options.approver !== row.approver ? options.approver : undefined;
    if (role !== undefined) await checkGuardRails(tx, ctx, row, "role");
    if (role !== undefined && row.role === "Super user") await checkGuardRails(tx, ctx, row, "demote");
    if (disabled === true) await checkGuardRails(tx, ctx, row, "disable");

    const base = { ...ctx, target: auditTarget(row) };
    if (name !== undefined) {
      await tx.user.update({ where: { id: row.id }, data: { name } });
      await recordAudit({ ...base, action: "user.changed", detail: { field: "name", from: row.name, to: name } }, tx);
    }
    if (role !== undefined) {
      await tx.user.update({ where: { id: row.id }, data: { role } });
      const direction = highestRole([role, row.role as Role]) === role ? "promoted" : "demoted";
      await recordAudit({ ...base, action: "role.changed", detail: { from: row.role, to: role, direction } }, tx);
    }
    if (approver !== undefined) {
      await tx.user.update({ where: { id: row.id }, data: { approver } });
      await recordAudit({ ...base, action: "approver.changed", detail: { from: !approver, to: approver } }, tx);
    }
    let ended = 0;
    if (disabled !== undefined) {
      await tx.user.update({ where: { id: row.id }, data: { disabled } });
      await recordAudit({ ...base, action: disabled ? "user.disabled" : "user.enabled" }, tx);
      if (disabled) ended = (await tx.session.deleteMany({ where: { userId: row.id } })).count;
      if (ended > 0)
        await recordAudit({ ...base, action: "sessions.ended", detail: { count: ended, reason: "disabled" } }, tx);
    }
    return readUserSummary(tx, row.id);
  });
  // After the commit: this instance forgets the rows and ends the streams now; others within 1.5 s (their cache).
  if (options.disabled === true) forgetUserSessions({ userId: options.id });
  return result;
}

export const changeUserRole = (options: { id: number; role: Role }, ctx: UserChangeContext) =>
  changeUser({ id: options.id, role: options.role }, ctx);
export const disableUser = (options: { id: number }, ctx: UserChangeContext) =>
  changeUser({ id: options.id, disabled: true }, ctx);
export const enableUser = (options: { id: number }, ctx: UserChangeContext) =>
  changeUser({ id: options.id, disabled: false }, ctx);

import "server-only";
import { AppError } from "@/lib/errors";
import type { Tx, UserChangeContext, UserRow } from "@/lib/users/user-records";

// The rules a change to a user must pass (issue 20), checked inside the change's transaction: a refusal is
// 1008 and changes nothing.

export type GuardedChange = "demote" | "disable" | "delete" | "role" | "password";

const VERB: Record<GuardedChange, string> = {
  demote: "demote",
  disable: "disable",
  delete: "delete",
  role: "change the role of",
  password: "reset the password of",
};

export const refused = (detail: string) => new AppError(1008, detail);

const isSelf = (ctx: UserChangeContext, target: Pick<UserRow, "id">) =>
  ctx.actor.type === "user" && ctx.actor.id === target.id;

/** Refuses what would leave no active Super user, lock a Super user out by their own hand, or override a directory. */
export async function checkGuardRails(
  tx: Tx,
  ctx: UserChangeContext,
  target: Pick<UserRow, "id" | "email" | "role" | "source" | "disabled">,
  change: GuardedChange,
): Promise<void> {
  if ((change === "role" || change === "demote") && target.source !== "local") {
    throw refused(`The role of ${target.email} is managed in the directory (${target.source}); change it there`);
  }
  if (change === "password" && target.source !== "local") {
    throw refused(`The password of ${target.email} is kept in the directory (${target.source}); reset it there`);
  }
  const removesAccess = change === "demote" || change === "disable" || change === "delete";
  if (!removesAccess) return;
  if (isSelf(ctx, target)) {
    throw refused(`You cannot ${VERB[change]} yourself; another Super user can`);
  }
  if (target.role !== "Super user" || target.disabled) return;
  const others = await tx.user.count({ where: { role: "Super user", disabled: false, id: { not: target.id } } });
  if (others === 0) {
    throw refused(`${target.email} is the last active Super user: ${VERB[change]} them only after another one exists`);
  }
}

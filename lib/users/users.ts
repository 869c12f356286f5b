import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { endUserSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { checkGuardRails } from "@/lib/users/guard-rails";
import { SYSTEM_ACTOR } from "@/lib/processes/actor";
import { changeUser } from "@/lib/users/change-user";
import { emailTaken } from "@/lib/users/create-local-user";
import { deleteUser, endSessionsOfUser } from "@/lib/users/manage-user";
import { auditTarget, inUsersTransaction, USER_ROW } from "@/lib/users/user-records";
import type { UserCreate } from "@/lib/validations/user";

// The CLI's and the first start's operations on users, by email. Each is recorded in the audit log as the
// `system` actor; the rules of the users page (lib/users/guard-rails.ts) apply to them too.

/** A user without secrets. */
export type UserSummary = { id: number; email: string; role: Role };

const SYSTEM = { actor: SYSTEM_ACTOR };

export async function createUser(options: UserCreate): Promise<UserSummary> {
  const passwordHash = await hashPassword(options.password);
  return inUsersTransaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: options.email }, select: { id: true } }))
      throw emailTaken(options.email);
    const user = await tx.user.create({
      data: { email: options.email, role: options.role, passwordHash },
      select: { id: true, email: true, role: true },
    });
    await recordAudit(
      { action: "user.created", ...SYSTEM, target: auditTarget(user), detail: { role: options.role, source: "local" } },
      tx,
    );
    return { ...user, role: user.role as Role };
  });
}

export async function countUsers(): Promise<number> {
  return db.user.count();
}

/** A correct password's user, and whether they must choose a new password before anything else. */
export type VerifiedUser = UserSummary & { mustChangePassword: boolean };

/**
 * The user whose email and password match, or null, taking the same time whichever part was wrong. A disabled
 * user, or one without a password of their own yet (a set-password link not used), is refused alike.
 */
export async function verifyCredentials(options: { email: string; password: string }): Promise<VerifiedUser | null> {
  const user = await db.user.findUnique({
    where: { email: options.email.trim().toLowerCase() },
    select: {
      id: true,
      email: true,
      role: true,
      passwordHash: true,
      disabled: true,
      mustChangePassword: true,
      source: true,
    },
  });
  // A directory user's password is the directory's: a hash here (set by mistake) never signs them in locally.
  const usable = user && !user.disabled && user.source === "local" && user.passwordHash !== "" ? user : undefined;
  if (!(await verifyPassword(options.password, usable?.passwordHash))) return null;
  return {
    id: usable!.id,
    email: usable!.email,
    role: usable!.role as Role,
    mustChangePassword: usable!.mustChangePassword,
  };
}

const SUMMARY = { id: true, email: true, role: true } as const;

async function userByEmail(email: string): Promise<UserSummary> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: SUMMARY });
  if (!user) throw new AppError(1005, `No user has the email ${email}`);
  return { ...user, role: user.role as Role };
}

/** Sets a user's password (hashed) and ends all their sessions; 1005 when no user has this email. */
export async function setUserPassword(options: { email: string; password: string }): Promise<UserSummary> {
  const user = await userByEmail(options.email);
  const passwordHash = await hashPassword(options.password);
  await db.$transaction(async (tx) => {
    const row = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: USER_ROW });
    // The rule the users page and API apply: a directory user's password is the directory's (1008).
    await checkGuardRails(tx, SYSTEM, row, "password");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.passwordLink.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    await recordAudit({ action: "password.reset", ...SYSTEM, target: auditTarget(user), detail: { via: "cli" } }, tx);
  });
  await endUserSessions({ userId: user.id });
  return user;
}

/** Changes a user's role; their sessions stay open and have the new role within seconds (docs/decisions/024). */
export async function setUserRole(options: { email: string; role: Role }): Promise<UserSummary> {
  const user = await userByEmail(options.email);
  await changeUser({ id: user.id, role: options.role }, SYSTEM);
  return { ...user, role: options.role };
}

/** Ends all of a user's sessions; returns how many were open. */
export async function signOutUser(options: { email: string }): Promise<{ user: UserSummary; ended: number }> {
  const user = await userByEmail(options.email);
  return { user, ended: (await endSessionsOfUser({ id: user.id }, SYSTEM)).ended };
}

/** Deletes a user and their sessions; the API tokens they created stay (tokens are the plant systems'). */
export async function deleteUserByEmail(options: { email: string }): Promise<UserSummary> {
  const user = await userByEmail(options.email);
  await deleteUser({ id: user.id }, SYSTEM);
  return user;
}

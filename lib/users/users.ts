import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { endUserSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { UserCreate } from "@/lib/validations/user";

/** A user without secrets. */
export type UserSummary = { id: number; email: string; role: Role };

export async function createUser(options: UserCreate): Promise<UserSummary> {
  const existing = await db.user.findUnique({ where: { email: options.email }, select: { id: true } });
  if (existing) {
    throw new AppError(1001, `A user with email ${options.email} exists already`, {
      errors: [{ pointer: "/email", detail: "is taken" }],
    });
  }
  const user = await db.user.create({
    data: { email: options.email, role: options.role, passwordHash: await hashPassword(options.password) },
    select: { id: true, email: true, role: true },
  });
  return { ...user, role: user.role as Role };
}

export async function countUsers(): Promise<number> {
  return db.user.count();
}

/** The user whose email and password match, or null, taking the same time whichever part was wrong. */
export async function verifyCredentials(options: { email: string; password: string }): Promise<UserSummary | null> {
  const user = await db.user.findUnique({
    where: { email: options.email.trim().toLowerCase() },
    select: { id: true, email: true, role: true, passwordHash: true },
  });
  if (!(await verifyPassword(options.password, user?.passwordHash))) return null;
  return { id: user!.id, email: user!.email, role: user!.role as Role };
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
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(options.password) } });
  await endUserSessions({ userId: user.id });
  return user;
}

/** Changes a user's role and ends all their sessions (the next sign-in carries the new role). */
export async function setUserRole(options: { email: string; role: Role }): Promise<UserSummary> {
  const user = await userByEmail(options.email);
  await db.user.update({ where: { id: user.id }, data: { role: options.role } });
  await endUserSessions({ userId: user.id });
  return { ...user, role: options.role };
}

/** Ends all of a user's sessions; returns how many were open. */
export async function signOutUser(options: { email: string }): Promise<{ user: UserSummary; ended: number }> {
  const user = await userByEmail(options.email);
  return { user, ended: await endUserSessions({ userId: user.id }) };
}

/** Deletes a user and their sessions; the API tokens they created stay (tokens are the plant systems'). */
export async function deleteUser(options: { email: string }): Promise<UserSummary> {
  const user = await userByEmail(options.email);
  await db.user.delete({ where: { id: user.id } });
  // The rows went with the user (ON DELETE CASCADE); this also forgets them in this process's cache.
  await endUserSessions({ userId: user.id });
  return user;
}

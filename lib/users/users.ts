import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
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

/** Sets a user's password (hashed); 1005 when no user has this email. */
export async function setUserPassword(options: { email: string; password: string }): Promise<UserSummary> {
  const { count } = await db.user.updateMany({
    where: { email: options.email },
    data: { passwordHash: await hashPassword(options.password) },
  });
  if (count === 0) throw new AppError(1005, `No user has the email ${options.email}`);
  const user = await db.user.findUniqueOrThrow({
    where: { email: options.email },
    select: { id: true, email: true, role: true },
  });
  return { ...user, role: user.role as Role };
}

import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { UserCreate } from "@/lib/validations/user";

export type SessionUser = { id: number; email: string; role: Role };

export async function createUser(options: UserCreate): Promise<SessionUser> {
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
export async function verifyCredentials(options: { email: string; password: string }): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { email: options.email.trim().toLowerCase() },
    select: { id: true, email: true, role: true, passwordHash: true },
  });
  if (!(await verifyPassword(options.password, user?.passwordHash))) return null;
  return { id: user!.id, email: user!.email, role: user!.role as Role };
}

import "server-only";
import { recordAudit, type AuditSource } from "@/lib/audit/record-audit";
import { HashPoolFull } from "@/lib/auth/hash-pool";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { forgetSessions } from "@/lib/auth/sessions";
import { noteSignInFailure, noteSignInSuccess, signInWait } from "@/lib/auth/sign-in-limits";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { issue } from "@/lib/validations/issues";

const busy = () => new AppError(6001, "Password checks are busy; retry after 1 s", { headers: { "Retry-After": "1" } });

async function hashed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HashPoolFull) throw busy();
    throw error;
  }
}

/**
 * Changes one's own password: the current one must match (else 1001 at /currentPassword, counted as a failed
 * sign-in of this address and email, so the route is no way around the sign-in limits: past them 6001). One
 * transaction sets the new hash, ends every other session of the person (this one stays) and records
 * `password.changed`. `newPassword` has passed the strength check already (the route's schema).
 */
export async function changeOwnPassword(options: {
  userId: number;
  currentId: string;
  currentPassword: string;
  newPassword: string;
  audit: AuditSource & { ip?: string | null };
}): Promise<{ endedSessions: number }> {
  const user = await db.user.findUnique({
    where: { id: options.userId },
    select: { email: true, source: true, passwordHash: true },
  });
  if (!user) throw new AppError(2002, "The session has expired or ended; sign in again");
  if (user.source !== "local")
    throw new AppError(3001, `Your password is kept by your directory (${user.source}); change it there`);
  const attempt = { ip: options.audit.ip ?? "unknown", email: user.email, device: null };
  const wait = await signInWait(attempt);
  if (wait > 0)
    throw new AppError(6001, `Too many wrong passwords; retry after ${wait} s`, {
      headers: { "Retry-After": String(wait) },
    });
  if (!(await hashed(() => verifyPassword(options.currentPassword, user.passwordHash || undefined)))) {
    await noteSignInFailure(attempt);
    const detail = issue("wrongCurrentPassword");
    throw new AppError(1001, `/currentPassword: ${detail}`, { errors: [{ pointer: "/currentPassword", detail }] });
  }
  await noteSignInSuccess(attempt);
  const passwordHash = await hashed(() => hashPassword(options.newPassword));
  const ended = await db.$transaction(async (tx) => {
    const others = await tx.session.findMany({
      where: { userId: options.userId, id: { not: options.currentId } },
      select: { id: true },
    });
    await tx.session.deleteMany({ where: { id: { in: others.map((s) => s.id) } } });
    await tx.user.update({ where: { id: options.userId }, data: { passwordHash, mustChangePassword: false } });
    const target = { type: "user" as const, id: options.userId, name: user.email };
    const detail = { endedSessions: others.length };
    await recordAudit({ action: "password.changed", ...options.audit, target, detail }, tx);
    return others.map((s) => s.id);
  });
  forgetSessions(ended);
  return { endedSessions: ended.length };
}

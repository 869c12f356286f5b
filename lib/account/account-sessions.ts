import "server-only";
import { createHash } from "node:crypto";
import { recordAudit, type AuditSource } from "@/lib/audit/record-audit";
import { forgetSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AccountSession } from "@/lib/validations/account";

// A person's own sessions (the account page). The session's own id is what the cookie's JWT names: it never
// leaves the server. Pages and the API name a session by a digest of it, which cannot be turned back.

/** The public id of a session: 22 base64url characters of its id's SHA-256. */
export const publicSessionId = (id: string) => createHash("sha256").update(id).digest("base64url").slice(0, 22);

type SessionRow = {
  id: string;
  ip: string | null;
  device: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
  expiresAt: Date;
};

const SESSION_SELECT = {
  id: true,
  ip: true,
  device: true,
  createdAt: true,
  lastSeenAt: true,
  expiresAt: true,
} as const;

function toAccountSession(row: SessionRow, currentId: string | null): AccountSession {
  return {
    id: publicSessionId(row.id),
    device: row.device,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentId,
  };
}

/** The person's live sessions, newest first; `currentId` is the one this request came with. */
export async function listAccountSessions(options: { userId: number; currentId: string | null }) {
  const rows = await db.session.findMany({
    where: { userId: options.userId, expiresAt: { gt: new Date() } },
    select: SESSION_SELECT,
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => toAccountSession(row, options.currentId));
}

/**
 * Ends one of the person's own sessions (another browser, or this one: then this is a sign-out), recording
 * `sessions.ended` with the row's deletion. 1005 when the person has no session with this id.
 */
export async function endAccountSession(options: {
  userId: number;
  sessionId: string;
  currentId: string | null;
  audit: AuditSource;
}): Promise<AccountSession> {
  const ended = await db.$transaction(async (tx) => {
    const rows = await tx.session.findMany({ where: { userId: options.userId }, select: SESSION_SELECT });
    const row = rows.find((r) => publicSessionId(r.id) === options.sessionId);
    if (!row) return null;
    const { count } = await tx.session.deleteMany({ where: { id: row.id } });
    if (count === 0) return null;
    const user = await tx.user.findUnique({ where: { id: options.userId }, select: { email: true } });
    const target = { type: "user" as const, id: options.userId, name: user?.email ?? null };
    const detail = { session: options.sessionId, current: row.id === options.currentId };
    await recordAudit({ action: "sessions.ended", ...options.audit, target, detail }, tx);
    return row;
  });
  if (!ended) throw new AppError(1005, `You have no session ${options.sessionId}`);
  forgetSessions([ended.id]);
  return toAccountSession(ended, options.currentId);
}

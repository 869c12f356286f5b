import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit, type AuditSource } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { endEventStreams } from "@/lib/processes/open-streams";

/** A session as a request sees it: the user as the database has them now, and the absolute end. */
export type LiveSession = { userId: number; email: string; role: Role; expiresAt: Date };

// Every request with a session cookie checks its row, through this cache: a session ended on another
// instance (or by the CLI) is refused there within CACHE_MS. Ending one here forgets it at once.
const CACHE_MS = 1_500;
const CACHE_MAX = 10_000;
const cache = new Map<string, { value: LiveSession | null; until: number }>();

// lastSeenAt is written at most once a minute per session and instance, from the requests that check the row.
const SEEN_EVERY_MS = 60_000;
const lastSeenWrites = new Map<string, number>();

/** What a sign-in records about where it came from (the account page shows it). */
export type SessionOrigin = { ip: string | null; device: string | null; requestId: string | null };

/**
 * Starts a session at sign-in; its absolute end is fixed now (SESSION_ABSOLUTE_MAX_SECONDS). One transaction
 * makes the row (with the address and browser), stamps the user's last sign-in and records `sign-in.succeeded`.
 */
export async function startSession(options: {
  userId: number;
  /** The OIDC provider's session id (`sid`), which its back-channel logout names. */
  providerSid?: string | null;
  origin?: SessionOrigin;
  /** Directory sign-ins name the provider in the event (local: none). */
  detail?: Record<string, string>;
}): Promise<{ id: string; expiresAt: Date; locale: string | null }> {
  const now = new Date();
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + env.SESSION_ABSOLUTE_MAX_SECONDS * 1000);
  const { ip = null, device = null, requestId = null } = options.origin ?? {};
  const locale = await db.$transaction(async (tx) => {
    // The user's sessions past their end are cleared here, so that the table holds no more than live ones.
    await tx.session.deleteMany({ where: { userId: options.userId, expiresAt: { lte: now } } });
    const providerSid = options.providerSid ?? null;
    await tx.session.create({
      data: { id, userId: options.userId, expiresAt, ip, device, lastSeenAt: now, providerSid },
    });
    const user = await tx.user.update({ where: { id: options.userId }, data: { lastSignInAt: now } });
    const actor = { type: "user", id: user.id, name: user.email } as const;
    await recordAudit(
      {
        action: "sign-in.succeeded",
        actor,
        target: { type: "user", id: user.id, name: user.email },
        ip,
        requestId,
        detail: options.detail,
      },
      tx,
    );
    return user.locale;
  });
  lastSeenWrites.set(id, now.getTime());
  return { id, expiresAt, locale };
}

/** Notes a request of a live session: its lastSeenAt moves at most once a minute (never awaited, never fails it). */
function noteSeen(id: string, now: number): void {
  const last = lastSeenWrites.get(id);
  if (last !== undefined && now - last < SEEN_EVERY_MS) return;
  if (lastSeenWrites.size >= CACHE_MAX) lastSeenWrites.clear();
  lastSeenWrites.set(id, now);
  db.session
    .updateMany({ where: { id }, data: { lastSeenAt: new Date(now) } })
    .catch((error: unknown) => logger.warn("lastSeenAt not written", { message: (error as Error).message }));
}

async function lookup(id: string): Promise<LiveSession | null> {
  const row = await db.session.findUnique({
    where: { id },
    select: { expiresAt: true, user: { select: { id: true, email: true, role: true, disabled: true } } },
  });
  // Disabling deletes the rows too; this also refuses a user disabled some other way (an UPDATE by hand).
  if (!row || row.user.disabled) return null;
  return { userId: row.user.id, email: row.user.email, role: row.user.role as Role, expiresAt: row.expiresAt };
}

/** The session with this id while it lasts; null once it was ended or has reached its absolute end. */
export async function liveSession(options: { id: string }): Promise<LiveSession | null> {
  const now = Date.now();
  const hit = cache.get(options.id);
  let value: LiveSession | null;
  if (hit && hit.until > now) value = hit.value;
  else {
    value = await lookup(options.id);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(options.id, { value, until: now + CACHE_MS });
  }
  if (!value || value.expiresAt.getTime() <= now) return null;
  noteSeen(options.id, now);
  return value;
}

/** Forgets ended sessions in this instance at once (the others within CACHE_MS) and ends their event streams. */
export function forgetSessions(ids: string[]): void {
  for (const id of ids) {
    cache.delete(id);
    lastSeenWrites.delete(id);
    endEventStreams({ sessionId: id }, "session ended");
  }
}

/** Ends one session at sign-out, recording `sign-out` with the row's deletion when there was a row. */
export async function endSession(options: { id: string; audit?: AuditSource }): Promise<void> {
  const { audit } = options;
  await db.$transaction(async (tx) => {
    const row = await tx.session.findUnique({ where: { id: options.id }, select: { userId: true } });
    const { count } = await tx.session.deleteMany({ where: { id: options.id } });
    if (count === 0 || !audit || !row) return;
    const target = { type: "user" as const, id: row.userId, name: audit.actor.name };
    await recordAudit({ action: "sign-out", ...audit, target }, tx);
  });
  forgetSessions([options.id]);
}

/** Ends every session of a user (password change, `users:sign-out`); returns how many. */
export async function endUserSessions(options: { userId: number }): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId: options.userId } });
  forgetUserSessions(options);
  return count;
}

/**
 * After a transaction deleted a user's session rows (disabling, deleting, ending them from the users page):
 * this instance forgets them and ends their event streams at once; other instances follow within 1.5 s.
 */
export function forgetUserSessions(options: { userId: number }): void {
  for (const [id, entry] of cache) if (entry.value?.userId === options.userId) cache.delete(id);
  endEventStreams({ userId: options.userId }, "session ended");
}

import "server-only";
import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { endEventStreams } from "@/lib/processes/open-streams";

/** A session as a request sees it: the user as the database has them now, and the absolute end. */
export type LiveSession = { userId: number; email: string; role: Role; expiresAt: Date };

// Every request with a session cookie checks its row, through this cache: a session ended on another
// instance (or by the CLI) is refused there within CACHE_MS. Ending one here forgets it at once.
const CACHE_MS = 1_500;
const CACHE_MAX = 10_000;
const cache = new Map<string, { value: LiveSession | null; until: number }>();

/** Starts a session at sign-in; its absolute end is fixed now (SESSION_ABSOLUTE_MAX_SECONDS). */
export async function startSession(options: {
  userId: number;
  /** The OIDC provider's session id (`sid`), which its back-channel logout names. */
  providerSid?: string | null;
}): Promise<{ id: string; expiresAt: Date }> {
  const now = new Date();
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + env.SESSION_ABSOLUTE_MAX_SECONDS * 1000);
  // The user's sessions past their end are cleared here, so that the table holds no more than live ones.
  await db.session.deleteMany({ where: { userId: options.userId, expiresAt: { lte: now } } });
  await db.session.create({
    data: { id, userId: options.userId, expiresAt, providerSid: options.providerSid ?? null },
  });
  // The users page's "last sign-in", whichever way they signed in.
  await db.user.update({ where: { id: options.userId }, data: { lastSignInAt: now } });
  return { id, expiresAt };
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
  return value && value.expiresAt.getTime() > now ? value : null;
}

/** Ends one session (sign-out). */
export async function endSession(options: { id: string }): Promise<void> {
  await db.session.deleteMany({ where: { id: options.id } });
  cache.delete(options.id);
  endEventStreams({ sessionId: options.id }, "session ended");
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

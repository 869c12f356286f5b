import "server-only";
import { API_ROUTES } from "@/lib/api/routes";
import type { Caller } from "@/lib/auth/caller-type";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { noteEventStream } from "@/lib/metrics/ops-metrics";

// The event streams open on this instance, by credential: for the caps, and so that a stream ends with its
// access. Ending a session or revoking a token here ends its streams at once (endEventStreams); on other
// instances (and after the CLI) one sweep a second re-reads every distinct credential of the open streams in
// two queries and ends the streams whose credential is gone, revoked, expired, or whose role may no longer
// read events (docs/decisions/020).

type Credential = { kind: "token"; tokenId: number } | { kind: "session"; sessionId: string; userId: number };
type OpenStream = { callerKey: string; credential: Credential; end: (reason: string) => void };

const SWEEP_MS = 1_000;
const ROLES: readonly Role[] = API_ROUTES["GET /api/v1/processes/events"];
const open = new Set<OpenStream>();
const perCaller = new Map<string, number>();
let sweepTimer: NodeJS.Timeout | undefined;
let sweeping = false;

const keyOf = (caller: Caller) => (caller.kind === "token" ? `token:${caller.tokenId}` : `user:${caller.userId}`);

const refuse = (detail: string) => new AppError(6001, detail, { headers: { "Retry-After": "5" } });

/** 6001 when the caller or this instance already has as many streams open as allowed. */
export function checkStreamCaps(caller: Caller): void {
  if ((perCaller.get(keyOf(caller)) ?? 0) >= env.EVENT_STREAMS_PER_CALLER) {
    throw refuse(
      `Limit of ${env.EVENT_STREAMS_PER_CALLER} open event streams per caller reached (a page needs one per ` +
        "browser tab); close one, or retry after 5 s",
    );
  }
  if (open.size >= env.EVENT_STREAMS_PER_INSTANCE) {
    throw refuse(`This server has ${env.EVENT_STREAMS_PER_INSTANCE} open event streams, its limit; retry after 5 s`);
  }
}

/** Counts a stream against the caps (6001 when they are reached); returns the function that releases it. */
export function admitStream(caller: Caller, end: (reason: string) => void): () => void {
  checkStreamCaps(caller);
  const credential: Credential =
    caller.kind === "token"
      ? { kind: "token", tokenId: caller.tokenId }
      : { kind: "session", sessionId: caller.sessionId, userId: caller.userId };
  const entry: OpenStream = { callerKey: keyOf(caller), credential, end };
  open.add(entry);
  noteEventStream(1);
  perCaller.set(entry.callerKey, (perCaller.get(entry.callerKey) ?? 0) + 1);
  sweepTimer ??= setInterval(() => void sweep(), SWEEP_MS);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    open.delete(entry);
    noteEventStream(-1);
    const left = (perCaller.get(entry.callerKey) ?? 1) - 1;
    if (left > 0) perCaller.set(entry.callerKey, left);
    else perCaller.delete(entry.callerKey);
    if (open.size === 0) {
      clearInterval(sweepTimer);
      sweepTimer = undefined;
    }
  };
}

/**
 * Ends this instance's open event streams of a user (their sessions' streams), a session or a token; returns
 * how many. Whatever ends a session or revokes a token calls it; other instances follow within a second.
 */
export function endEventStreams(
  match: { userId: number } | { sessionId: string } | { tokenId: number },
  reason = "access ended",
): number {
  let ended = 0;
  for (const stream of [...open]) {
    const c = stream.credential;
    const hit =
      "tokenId" in match
        ? c.kind === "token" && c.tokenId === match.tokenId
        : c.kind === "session" && ("userId" in match ? c.userId === match.userId : c.sessionId === match.sessionId);
    if (hit) {
      stream.end(reason);
      ended++;
    }
  }
  return ended;
}

/** Re-reads every distinct credential of the open streams (two queries) and ends the streams that lost access. */
async function sweep(): Promise<void> {
  if (sweeping || open.size === 0) return;
  sweeping = true;
  try {
    const tokenIds = new Set<number>();
    const sessionIds = new Set<string>();
    for (const { credential: c } of open) {
      if (c.kind === "token") tokenIds.add(c.tokenId);
      else sessionIds.add(c.sessionId);
    }
    const now = new Date();
    const [tokens, sessions] = await Promise.all([
      tokenIds.size === 0
        ? []
        : db.apiToken.findMany({
            where: { id: { in: [...tokenIds] }, revokedAt: null, expiresAt: { gt: now }, role: { in: [...ROLES] } },
            select: { id: true },
          }),
      sessionIds.size === 0
        ? []
        : db.session.findMany({
            where: {
              id: { in: [...sessionIds] },
              expiresAt: { gt: now },
              user: { role: { in: [...ROLES] }, disabled: false },
            },
            select: { id: true },
          }),
    ]);
    const liveTokens = new Set(tokens.map((t) => t.id));
    const liveSessions = new Set(sessions.map((s) => s.id));
    for (const stream of [...open]) {
      const c = stream.credential;
      const live = c.kind === "token" ? liveTokens.has(c.tokenId) : liveSessions.has(c.sessionId);
      if (!live) stream.end(c.kind === "token" ? "token revoked or expired" : "session ended");
    }
  } catch (error) {
    // A database that does not answer ends no stream; the next sweep tries again.
    logger.warn("event stream access check failed", { error: (error as Error).message });
  } finally {
    sweeping = false;
  }
}

/** How many event streams are open on this instance. */
export const openStreamCount = () => open.size;

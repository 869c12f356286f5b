import "server-only";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { hashesEqual, hashTokenSecret } from "@/lib/tokens/token-secret";

export type ResolvedToken = { id: number; name: string; role: Role; expiresAt: Date; revoked: boolean };

// A resolved token is reused for a few seconds so that authentication costs no query per request.
// Revocation in this process takes effect at once (forgetResolvedTokens); from another instance or
// the CLI within CACHE_MS. Expiry is checked on every request against the cached expiresAt.
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;
const LAST_USED_EVERY_MS = 60_000;

const cache = new Map<string, { value: ResolvedToken | null; until: number }>();
const lastUsedWritten = new Map<number, number>();

export function forgetResolvedTokens(): void {
  cache.clear();
}

async function lookup(hash: string): Promise<ResolvedToken | null> {
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hash },
    select: { id: true, name: true, role: true, tokenHash: true, expiresAt: true, revokedAt: true },
  });
  // The index found the row by hash; the constant-time comparison guards against any collation surprise.
  if (!row || !hashesEqual(row.tokenHash, hash)) return null;
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    expiresAt: row.expiresAt,
    revoked: row.revokedAt !== null,
  };
}

/** Records use at most once a minute per token, off the request's path. */
function touch(id: number, now: number): void {
  if (now - (lastUsedWritten.get(id) ?? 0) < LAST_USED_EVERY_MS) return;
  lastUsedWritten.set(id, now);
  void db.apiToken.update({ where: { id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
}

/** The stored token for a presented secret (null when unknown), from a short-lived cache. */
export async function resolveToken(secret: string): Promise<ResolvedToken | null> {
  const hash = hashTokenSecret(secret);
  const now = Date.now();
  const hit = cache.get(hash);
  let value: ResolvedToken | null;
  if (hit && hit.until > now) value = hit.value;
  else {
    value = await lookup(hash);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(hash, { value, until: now + CACHE_MS });
  }
  if (value && !value.revoked && value.expiresAt.getTime() > now) touch(value.id, now);
  return value;
}

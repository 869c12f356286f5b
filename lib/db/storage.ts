import "server-only";
import { statfs } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { sqliteFilePath } from "@/lib/db/url";
import { databaseProvider, env } from "@/lib/env";

// A database whose disk is full still answers reads, so a trivial query says "ok" while every write fails.
// /api/health asks this too: on SQLite, is there room to write?

/** Below this much free space the SQLite file's disk counts as full. */
const MIN_FREE_BYTES = 1024 * 1024;

// A write past the file-size limit can also surface as an I/O error (EFBIG is not ENOSPC to SQLite).
const DISK_FULL =
  /database or disk is full|disk I\/O error|SQLITE_FULL|SQLITE_IOERR|ENOSPC|EFBIG|could not extend file/i;

let fullSince: number | null = null;

/** Whether an error says the disk is full (or the file-size limit reached, or writing failed). */
export function isDiskFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if ((typeof code === "string" && DISK_FULL.test(code)) || (typeof message === "string" && DISK_FULL.test(message)))
      return true;
    const next = e as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
    e = next.cause ?? next.meta?.driverAdapterError;
  }
  return false;
}

/** Called with every database error a request met: a full disk is remembered until a write succeeds again. */
export function noteDatabaseError(error: unknown): void {
  if (isDiskFull(error)) fullSince ??= Date.now();
}

// How many pages the probe commits: about what one PUT writes (the process row, its history row and their
// indexes, the revision row). One page alone could still fit where the refused write did not.
const PROBE_PAGES = 8;

/**
 * Rewrites the file's header with what it holds, PROBE_PAGES times, each its own commit (a WAL frame each):
 * writes that change nothing but need as much room as a real one.
 */
async function writeProbe(): Promise<boolean> {
  try {
    const [row] = await db.$queryRawUnsafe<{ user_version: number | bigint }[]>("PRAGMA user_version");
    for (let page = 0; page < PROBE_PAGES; page++)
      await db.$executeRawUnsafe(`PRAGMA user_version = ${Number(row?.user_version ?? 0)}`);
    return true;
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    return false;
  }
}

/** Why the database cannot take writes now (a full disk), or null. SQLite only: PostgreSQL reports its own. */
export async function storageProblem(): Promise<string | null> {
  if (databaseProvider !== "sqlite") return null;
  const { bavail, bsize } = await statfs(path.dirname(sqliteFilePath(env.DATABASE_URL)));
  if (bavail * bsize < MIN_FREE_BYTES) return "the disk of the database file is full";
  if (fullSince === null) return null;
  // A write failed for lack of room: only a write that succeeds shows that room was made.
  if (await writeProbe()) {
    fullSince = null;
    return null;
  }
  return "the database file cannot grow (disk full or file-size limit)";
}

import "server-only";
import { db } from "@/lib/db/client";
import { DATA_REVISION_SQL } from "@/lib/db/dialect";

// Writes this process started. SQLite's data_version does not move for a connection's own commits, and
// with one connection a read can even run inside an open write transaction (the adapter shares it), so
// every write, committed or rolled back, moves this counter once it has ended.
let localWrites = 0;

/** Called by changeProcesses when a write has ended, committed or not. */
export function noteLocalWrite(): void {
  localWrites++;
}

/**
 * A key that differs whenever processes may have changed since a key was last read: this process's write
 * count and the database's answer (see DATA_REVISION_SQL). Null when the database cannot tell (the revision
 * row is missing): nothing may then be cached. Read it BEFORE reading the data it guards.
 */
export async function processRevisionKey(): Promise<string | null> {
  const local = localWrites;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(DATA_REVISION_SQL);
  const value = rows[0] ? Object.values(rows[0])[0] : undefined;
  return value === undefined || value === null ? null : `${local}:${String(value)}`;
}

import "server-only";
import { db } from "@/lib/db/client";
import { BUMP_PROCESS_REVISION_SQL, DATA_REVISION_SQL } from "@/lib/db/dialect";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

// Writes this process started. SQLite's data_version does not move for a connection's own commits, and
// with one connection a read can even run inside an open write transaction (the adapter shares it), so
// every write, committed or rolled back, moves this counter once it has ended.
let localWrites = 0;

/**
 * Runs a change to processes, bumping the process revision in the same transaction where the database
 * needs it (PostgreSQL), and counts it locally when it ends. Every write to the processes table goes
 * through here, and writes with ONE statement, so that where no bump is needed (SQLite) it is atomic by itself.
 */
export async function changeProcesses<T>(
  work: (tx: Tx) => Promise<T>,
  options: { timeout?: number; maxWait?: number } = {},
): Promise<T> {
  const bump = BUMP_PROCESS_REVISION_SQL;
  try {
    // One statement on SQLite: its own implicit transaction is enough (measured: a Prisma transaction
    // around a single-row PUT cost about a third of that route's throughput).
    if (bump === null) return await work(db as unknown as Tx);
    return await db.$transaction(async (tx) => {
      // First, so that concurrent writers queue on the revision row before touching processes (no deadlock).
      await tx.$executeRawUnsafe(bump);
      return work(tx);
    }, options);
  } finally {
    localWrites++;
  }
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

import "server-only";
import { db } from "@/lib/db/client";
import { TAKE_PROCESS_REVISION_SQL } from "@/lib/db/dialect";
import { wakeChangeFeed } from "@/lib/processes/change-feed";
import { noteLocalWrite } from "@/lib/processes/revision";
import { requestSeal } from "@/lib/trail/seal-trail";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Runs one of the app's changes to processes, then counts it locally and wakes this instance's streams.
 * PostgreSQL: in a transaction that takes the revision row first. The statement triggers bump it when rows
 * really change (docs/decisions/011, 022); taking it first makes concurrent writers queue there before they
 * touch processes (no deadlock) and draw change ids in commit order (docs/decisions/010). SQLite: one statement
 * runs alone, atomic by itself; work of several statements says so (`severalStatements`) and gets a
 * transaction. A result that `wroteNothing` says changed nothing leaves caches and streams alone (a no-op
 * write). Writers outside the app do not come through here: the triggers give their changes history and events.
 */
export async function changeProcesses<T>(
  work: (tx: Tx) => Promise<T>,
  options: {
    timeout?: number;
    maxWait?: number;
    severalStatements?: boolean;
    wroteNothing?: (result: T) => boolean;
  } = {},
): Promise<T> {
  const { severalStatements = false, wroteNothing, ...transactionOptions } = options;
  const take = TAKE_PROCESS_REVISION_SQL;
  let unchanged = false;
  try {
    // One statement on SQLite: its own implicit transaction is enough (measured: a Prisma transaction
    // around a single-row PUT cost about a third of that route's throughput).
    const result =
      take === null && !severalStatements
        ? await work(db as unknown as Tx)
        : await db.$transaction(async (tx) => {
            // First, so that concurrent writers queue on the revision row before touching processes (no deadlock).
            if (take !== null) await tx.$executeRawUnsafe(take);
            return work(tx);
          }, transactionOptions);
    unchanged = wroteNothing?.(result) ?? false;
    return result;
  } finally {
    if (!unchanged) {
      noteLocalWrite();
      // This instance's own streams learn of its writes at once; other instances through the database.
      wakeChangeFeed();
      // The history rows it wrote join the tamper-evident trail right after the commit (docs/decisions/035).
      requestSeal();
    }
  }
}

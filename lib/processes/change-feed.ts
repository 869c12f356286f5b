import "server-only";
import { logger } from "@/lib/logger";
import { noteDelivered } from "@/lib/metrics/ops-metrics";
import { watchProcessChanges } from "@/lib/processes/change-signals";
import { readDatabaseEpoch, renewDatabaseEpoch } from "@/lib/processes/database-epoch";
import { encodeChanges, type EncodedBatch } from "@/lib/processes/event-frames";
import { lastChangeId, listChangesAfter } from "@/lib/processes/process-history";

// One feed per server process: it reads new history rows after a wake-up, encodes each change once as its
// event frame, and hands the frames to every open event stream (which share them). History ids are handed out
// in commit order (every writer takes the revision row first, or SQLite's one write lock), so "every row
// after the last one read" never skips a change that commits later.

export type FeedListener = {
  /** New changes, oldest first, already encoded (the same bytes for every stream). */
  changes: (batch: EncodedBatch) => void;
  /** The database's epoch changed (a restore, or a new epoch chosen): what a stream holds means nothing now. */
  reset: () => void;
};

const PAGE = 1_000;
// While streams are open, how often the feed checks that the database is still the copy it was reading.
const CHECK_MS = 1_000;
const listeners = new Set<FeedListener>();
let head = 0;
let epoch = "";
let stopWatching: (() => void) | null = null;
let checkTimer: NodeJS.Timeout | undefined;
let pumping: Promise<void> | null = null;
let again = false;

async function pump(): Promise<void> {
  for (;;) {
    const changes = await listChangesAfter({ after: head, limit: PAGE });
    if (changes.length === 0) return;
    head = changes.at(-1)!.id;
    const batch = encodeChanges(epoch, changes);
    for (const listener of listeners) listener.changes(batch);
    noteDelivered(changes.map((c) => c.changedAt));
  }
}

/** Reads what is new now (or right after the read running now); called on every signal. */
export function wakeChangeFeed(): void {
  if (listeners.size === 0) return;
  if (pumping) {
    again = true;
    return;
  }
  pumping = (async () => {
    do {
      again = false;
      await pump().catch(() => undefined);
    } while (again);
  })().finally(() => (pumping = null));
}

/**
 * Adopts the epoch the database has now. A history that went back below what this feed already handed out
 * is a restore under a running instance: a new epoch is chosen for it. Either way every stream resets.
 */
export async function checkFeedEpoch(stored?: string): Promise<string> {
  let current = stored ?? (await readDatabaseEpoch());
  const newest = await lastChangeId();
  if (current === epoch && newest < head) current = await renewDatabaseEpoch({ replacing: epoch });
  if (current !== epoch && listeners.size > 0) {
    logger.warn("database epoch changed; event streams reset", { from: epoch, to: current, head: newest });
    epoch = current;
    head = newest;
    for (const listener of listeners) listener.reset();
  }
  epoch = current;
  return current;
}

/** What the feed has handed out so far: the epoch, and the newest change id. */
export const feedPosition = () => ({ epoch, head });

/**
 * Registers a listener for every change after the current head. Watching the database starts with the first
 * listener and stops with the last. Throws when the database does not answer (nothing is registered then).
 */
export async function subscribeChanges(listener: FeedListener): Promise<{ unsubscribe: () => void }> {
  if (listeners.size === 0) {
    const [stored, newest] = await Promise.all([readDatabaseEpoch(), lastChangeId()]);
    // No stream needs anything from before now (a restore meanwhile may even have moved the history back).
    epoch = stored;
    head = newest;
    stopWatching ??= watchProcessChanges(wakeChangeFeed);
    checkTimer ??= setInterval(() => void checkFeedEpoch().catch(() => undefined), CHECK_MS);
  }
  listeners.add(listener);
  return {
    unsubscribe: () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        stopWatching?.();
        stopWatching = null;
        clearInterval(checkTimer);
        checkTimer = undefined;
      }
    },
  };
}

import "server-only";
import { watchProcessChanges } from "@/lib/processes/change-signals";
import { lastChangeId, listChangesAfter } from "@/lib/processes/process-history";
import type { ProcessChange } from "@/lib/validations/process-history";

// One feed per server process: it reads new history rows after a wake-up and hands them to every open
// event stream. History ids are handed out in commit order (every writer takes the revision row first,
// or SQLite's one write lock), so "every row after the last one read" never skips a change that commits later.

export type FeedListener = (changes: ProcessChange[]) => void;

const PAGE = 1_000;
const listeners = new Set<FeedListener>();
let head = 0;
let stopWatching: (() => void) | null = null;
let pumping: Promise<void> | null = null;
let again = false;

async function pump(): Promise<void> {
  for (;;) {
    const changes = await listChangesAfter({ after: head, limit: PAGE });
    if (changes.length === 0) return;
    head = changes.at(-1)!.id;
    for (const listener of listeners) listener(changes);
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
 * Registers a listener for every change after the current head, which it returns (the id to replay up
 * to). Watching the database starts with the first listener and stops with the last.
 */
export async function subscribeChanges(listener: FeedListener): Promise<{ head: number; unsubscribe: () => void }> {
  if (listeners.size === 0) {
    head = Math.max(head, await lastChangeId());
    stopWatching ??= watchProcessChanges(wakeChangeFeed);
  }
  listeners.add(listener);
  return {
    head,
    unsubscribe: () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        stopWatching?.();
        stopWatching = null;
      }
    },
  };
}

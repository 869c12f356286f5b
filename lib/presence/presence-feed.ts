import "server-only";
import { logger } from "@/lib/logger";
import { textFrame } from "@/lib/processes/event-frames";
import { listPresentPeople, prunePresencePages } from "@/lib/presence/presence-pages";

// One reader of the presence table per instance, while any page's event stream is open here: once a second
// (and at once after a page on this instance wrote) it reads who is present, and when that differs from what
// it last sent, hands one `presence` frame, encoded once, to every subscribed stream. Pages written through
// another instance show within a second of their write; a page gone silent drops out when its row passes
// the TTL (docs/decisions/030-presence.md).

const TICK_MS = 1_000;
/** Old rows are removed every this many reads. */
const PRUNE_EVERY = 30;

type Listener = (frame: Uint8Array) => void;

const listeners = new Set<Listener>();
let last: { text: string; frame: Uint8Array } | null = null;
let timer: NodeJS.Timeout | undefined;
let reading = false;
let again = false;
let reads = 0;

/** Calls `listener` with the latest presence frame now (when there is one) and with each new one. */
export function subscribePresence(listener: Listener): () => void {
  listeners.add(listener);
  if (last) listener(last.frame);
  else wakePresence();
  timer ??= setInterval(wakePresence, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearInterval(timer);
    timer = undefined;
    last = null;
  };
}

/** Reads the table now (a page on this instance just wrote), rather than at the next tick. */
export function wakePresence(): void {
  if (listeners.size === 0) return;
  if (reading) {
    again = true;
    return;
  }
  reading = true;
  void read().finally(() => {
    reading = false;
    if (again) {
      again = false;
      wakePresence();
    }
  });
}

async function read(): Promise<void> {
  try {
    const people = await listPresentPeople();
    if (++reads % PRUNE_EVERY === 0) await prunePresencePages();
    const text = JSON.stringify({ people });
    if (text === last?.text || listeners.size === 0) return;
    last = { text, frame: textFrame(`event: presence\ndata: ${text}\n\n`) };
    for (const listener of listeners) listener(last.frame);
  } catch (error) {
    // A database that does not answer changes nothing shown; the next tick tries again.
    logger.warn("presence read failed", { error: (error as Error).message });
  }
}

/** How many streams follow presence on this instance (the benchmark reads it). */
export const presenceListenerCount = () => listeners.size;

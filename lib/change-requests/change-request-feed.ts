import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { textFrame } from "@/lib/processes/event-frames";

// Change requests on the event stream (docs/decisions/043): one reader per instance, while any page's stream is
// open here, reads a small summary every two seconds (and at once after a request was made or decided here);
// when it differs from the last one it hands one `change-requests` frame to every subscribed stream, like
// presence (no id: never replayed, never moves Last-Event-ID). Before the first request ever made, no frame.

const TICK_MS = 2_000;

type Listener = (frame: Uint8Array) => void;
const listeners = new Set<Listener>();
let last: { text: string; frame: Uint8Array } | null = null;
let timer: NodeJS.Timeout | undefined;
let reading = false;
let again = false;
let lastMark = "";

export function subscribeChangeRequests(listener: Listener): () => void {
  listeners.add(listener);
  if (last) listener(last.frame);
  else wakeChangeRequestFeed();
  timer ??= setInterval(wakeChangeRequestFeed, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearInterval(timer);
    timer = undefined;
    last = null;
    lastMark = "";
  };
}

/** Reads the summary now (a request was just made or decided on this instance). */
export function wakeChangeRequestFeed(): void {
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
      wakeChangeRequestFeed();
    }
  });
}

async function read(): Promise<void> {
  try {
    // One small read per tick; the pending count only when something was made or decided since the last one.
    const { _max } = await db.changeRequest.aggregate({ _max: { id: true, decidedAt: true } });
    if (_max.id === null) return;
    const mark = `${_max.id}/${_max.decidedAt?.toISOString() ?? ""}`;
    if (mark === lastMark || listeners.size === 0) return;
    const pending = await db.changeRequest.count({ where: { state: "pending" } });
    lastMark = mark;
    const text = JSON.stringify({
      pending,
      newestId: _max.id,
      lastDecidedAt: _max.decidedAt?.toISOString() ?? null,
    });
    last = { text, frame: textFrame(`event: change-requests\ndata: ${text}\n\n`) };
    for (const listener of listeners) listener(last.frame);
  } catch (error) {
    logger.warn("change request summary read failed", { error: (error as Error).message });
  }
}

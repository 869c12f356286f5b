import "server-only";
import { db } from "@/lib/db/client";
import { createPolledFeed } from "@/lib/processes/polled-feed";

// Change requests on the event stream (docs/decisions/043): while any page's stream is open here, a small
// summary every two seconds (and at once after a request was made or decided here), sent as a
// `change-requests` frame when it changed. Before the first request ever made, no frame.

/** The last summary read, by the mark it was read at: the same mark needs no count. */
let cached: { mark: string; text: string } | null = null;

const feed = createPolledFeed({
  event: "change-requests",
  tickMs: 2_000,
  failure: "change request summary read failed",
  read: async () => {
    // One small read per tick; the pending count only when something was made or decided since the last one.
    const { _max } = await db.changeRequest.aggregate({ _max: { id: true, decidedAt: true } });
    if (_max.id === null) return null;
    const mark = `${_max.id}/${_max.decidedAt?.toISOString() ?? ""}`;
    if (cached?.mark === mark) return cached.text;
    const pending = await db.changeRequest.count({ where: { state: "pending" } });
    const text = JSON.stringify({ pending, newestId: _max.id, lastDecidedAt: _max.decidedAt?.toISOString() ?? null });
    cached = { mark, text };
    return text;
  },
});

export const subscribeChangeRequests = feed.subscribe;
/** Reads the summary now (a request was just made or decided on this instance). */
export const wakeChangeRequestFeed = feed.wake;

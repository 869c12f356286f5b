import "server-only";
import { db } from "@/lib/db/client";
import { createPolledFeed } from "@/lib/processes/polled-feed";

// Change requests on the event stream (docs/decisions/043): while any page's stream is open here, a small
// summary every two seconds (and at once after a request was made or decided here), sent as a
// `change-requests` frame when it changed. Before the first request ever made, no frame.

const feed = createPolledFeed({
  event: "change-requests",
  tickMs: 2_000,
  failure: "change request summary read failed",
  read: async () => {
    // The pending count every tick (an index on state): a cache keyed by the newest ids and decision times
    // missed two decisions committed out of their clocks' order.
    const [{ _max }, pending] = await Promise.all([
      db.changeRequest.aggregate({ _max: { id: true, decidedAt: true } }),
      db.changeRequest.count({ where: { state: "pending" } }),
    ]);
    if (_max.id === null) return null;
    return JSON.stringify({ pending, newestId: _max.id, lastDecidedAt: _max.decidedAt?.toISOString() ?? null });
  },
});

export const subscribeChangeRequests = feed.subscribe;
/** Reads the summary now (a request was just made or decided on this instance). */
export const wakeChangeRequestFeed = feed.wake;

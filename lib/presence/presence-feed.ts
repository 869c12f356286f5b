import "server-only";
import { createPolledFeed } from "@/lib/processes/polled-feed";
import { listPresentPeople, prunePresencePages } from "@/lib/presence/presence-pages";

// One reader of the presence table per instance, while any page's event stream is open here: once a second
// (and at once after a page on this instance wrote) it reads who is present and sends a `presence` frame when
// that changed. Pages written through another instance show within a second of their write; a page gone silent
// drops out when its row passes the TTL (docs/decisions/030-presence.md).

/** Old rows are removed every this many reads. */
const PRUNE_EVERY = 30;
let reads = 0;

const feed = createPolledFeed({
  event: "presence",
  tickMs: 1_000,
  failure: "presence read failed",
  read: async () => {
    const people = await listPresentPeople();
    if (++reads % PRUNE_EVERY === 0) await prunePresencePages();
    return JSON.stringify({ people });
  },
});

export const subscribePresence = feed.subscribe;
/** Reads the table now (a page on this instance just wrote), rather than at the next tick. */
export const wakePresence = feed.wake;
/** How many streams follow presence on this instance (the benchmark reads it). */
export const presenceListenerCount = feed.listenerCount;

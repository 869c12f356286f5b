import "server-only";
import { logger } from "@/lib/logger";
import { subscribeChanges } from "@/lib/processes/change-feed";
import { countChangesAfter, lastChangeId, listChangesAfter } from "@/lib/processes/process-history";
import type { ProcessChange, ProcessEvent } from "@/lib/validations/process-history";

// GET /api/v1/processes/events as a stream of Server-Sent Events. Each change is one `process` event whose
// id is its history row's id; a client that comes back with Last-Event-ID gets what it missed, in order,
// or one `reset` (fetch the list again) when that is more than RESET_AFTER changes.

export const RESET_AFTER = 10_000;
const HEARTBEAT_MS = 15_000;
const REPLAY_PAGE = 1_000;
const encoder = new TextEncoder();
let open = 0;

function eventData(change: ProcessChange): ProcessEvent {
  const { processId, name, comment, version, changedAt, changedBy, previous, requestId, kind } = change;
  return { id: processId, name, comment, version, updatedAt: changedAt, changedBy, previous, requestId, kind };
}

const frame = (event: string, id: number, data: unknown) =>
  encoder.encode(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);

/** The stream for one client; `lastEventId` null means "from now on". Ends when `signal` aborts or the reader cancels. */
export function processEventStream(options: { lastEventId: number | null; signal: AbortSignal }): ReadableStream {
  const { lastEventId, signal } = options;
  let close = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let sent = lastEventId ?? 0;
      let pending: ProcessChange[] | null = [];
      const send = (bytes: Uint8Array) => {
        if (!closed) controller.enqueue(bytes);
      };
      const deliver = (changes: ProcessChange[]) => {
        for (const change of changes) {
          if (change.id <= sent) continue;
          send(frame("process", change.id, eventData(change)));
          sent = change.id;
        }
      };
      // Subscribed before the replay, so that nothing committed meanwhile falls between the two.
      const subscription = await subscribeChanges((changes) => (pending ? pending.push(...changes) : deliver(changes)));
      const heartbeat = setInterval(() => send(encoder.encode(": heartbeat\n\n")), HEARTBEAT_MS);
      open++;
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        subscription.unsubscribe();
        open--;
        logger.info("event stream closed", { open });
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      signal.addEventListener("abort", close, { once: true });
      if (signal.aborted) return close();

      send(encoder.encode("retry: 2000\n: connected\n\n"));
      if (lastEventId === null) sent = subscription.head;
      else if ((await countChangesAfter({ after: lastEventId, cap: RESET_AFTER + 1 })) > RESET_AFTER) {
        // The feed's head lags the database while it is still reading a burst for other streams: the reset
        // stands for everything committed so far, and what the feed hands over later is skipped up to it.
        sent = Math.max(subscription.head, await lastChangeId());
        send(frame("reset", sent, { reason: `more than ${RESET_AFTER} changes were missed` }));
      } else {
        for (let page = await listChangesAfter({ after: sent, limit: REPLAY_PAGE }); page.length > 0 && !closed;) {
          deliver(page);
          page = page.length < REPLAY_PAGE ? [] : await listChangesAfter({ after: sent, limit: REPLAY_PAGE });
        }
      }
      const held = pending;
      pending = null;
      deliver(held);
    },
    cancel() {
      close();
    },
  });
}

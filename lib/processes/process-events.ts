import "server-only";
import type { Caller } from "@/lib/auth/caller-type";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { checkFeedEpoch, feedPosition, subscribeChanges } from "@/lib/processes/change-feed";
import { readDatabaseEpoch } from "@/lib/processes/database-epoch";
import { encodeChanges, type EncodedBatch, resetFrame, textFrame } from "@/lib/processes/event-frames";
import type { EventPosition } from "@/lib/processes/event-ids";
import { admitStream, checkStreamCaps, openStreamCount } from "@/lib/processes/open-streams";
import { countChangesAfter, lastChangeId, listChangesAfter } from "@/lib/processes/process-history";
import { prunedThroughId } from "@/lib/processes/prune-history";
import { subscribePresence } from "@/lib/presence/presence-feed";
import { subscribeChangeRequests } from "@/lib/change-requests/change-request-feed";

// GET /api/v1/processes/events as a stream of Server-Sent Events. Each change is one `process` event whose id
// is `<epoch>:<history id>`; a client that comes back with Last-Event-ID gets what it missed, in order, or one
// `reset` (fetch the list again) when that is more than RESET_AFTER changes, when its id is beyond the newest
// change, or from another epoch (another copy of the database) or without one.
//
// The stream is pulled: bytes are produced only when the connection takes them. A replay is read from the
// database a page at a time as the client reads; live changes (frames shared with every other stream) wait
// in a queue of at most EVENT_STREAM_QUEUE_BYTES, and a reader that falls further behind is disconnected: it
// resumes with Last-Event-ID, and the replay covers what it missed (docs/decisions/020).

export const RESET_AFTER = 10_000;
const HEARTBEAT_MS = 15_000;
const REPLAY_PAGE = 500;
// Frames are handed to the connection as views of at most this size of the shared buffers: one write per
// view, not per event, and no copy (a view may end inside a frame: the client joins them).
const CHUNK_BYTES = 64 * 1024;

/** Why a stream was ended by the server: the connection is dropped at once (nothing unread is kept). */
class StreamEnded extends Error {
  // An AbortError: Next drops the connection without logging a failed response.
  override name = "AbortError";
}

type Start = { mode: "live" | "replay"; after: number; reset?: string };

/** Where a stream starts, from the client's position; the epoch is the database's now. */
async function startOf(position: EventPosition | null, epoch: string): Promise<Start> {
  const head = feedPosition().head;
  if (position === null) return { mode: "live", after: head };
  const newest = () => lastChangeId().then((id) => Math.max(id, head));
  if (position.epoch !== epoch) {
    const reason =
      position.epoch === null ? "event ids now name the database's epoch" : "the database was restored or replaced";
    return { mode: "live", after: await newest(), reset: reason };
  }
  if (position.id > head) {
    const now = await newest();
    if (position.id > now) return { mode: "live", after: now, reset: "the id is beyond the newest change" };
  }
  if ((await countChangesAfter({ after: position.id, cap: RESET_AFTER + 1 })) > RESET_AFTER) {
    // The feed's head lags the database while it is still reading a burst for other streams: the reset
    // stands for everything committed so far, and what the feed hands over later is skipped up to it.
    return { mode: "live", after: await newest(), reset: `more than ${RESET_AFTER} changes were missed` };
  }
  return { mode: "replay", after: position.id };
}

/** What a HEAD of the route checks: the caps and the database, as a GET would; opens nothing. */
export async function checkProcessEventStream(caller: Caller): Promise<void> {
  checkStreamCaps(caller);
  await readDatabaseEpoch();
}

/**
 * Opens the stream for one client (`position` null: from now on). Refuses with 6001 at the caps; a database
 * that does not answer throws (1006) before anything is sent. Ends when `signal` aborts, the reader cancels,
 * the reader falls behind, or the caller's access ends.
 */
export async function openProcessEventStream(options: {
  caller: Caller;
  position: EventPosition | null;
  signal: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  const { caller, position, signal } = options;
  let closed = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  // "replay" also while the stream is being set up: where it starts is decided after the subscription.
  let mode: Start["mode"] = "replay";
  let generation = 0; // bumped by a reset from the feed: a replay page read before it is dropped
  let after = 0; // the newest change id queued or covered by a reset
  let epoch = "";
  const queue: { bytes: Uint8Array }[] = [];
  let queued = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const push = (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES)
      queue.push({ bytes: bytes.subarray(at, at + CHUNK_BYTES) });
    queued += bytes.byteLength;
    notify();
  };
  /** Queues the frames of the changes after `after`; returns false when there were none. */
  const pushBatch = (batch: EncodedBatch) => {
    const first = batch.ids.findIndex((id) => id > after);
    if (first < 0) return false;
    push(batch.bytes.subarray(first === 0 ? 0 : batch.ends[first - 1], batch.bytes.byteLength));
    after = batch.ids.at(-1)!;
    return true;
  };

  let cleanup = () => {};
  const end = (reason: string | null) => {
    if (closed) return;
    closed = true;
    cleanup();
    notify();
    if (reason === null) {
      try {
        controller?.close();
      } catch {
        // already closed by the reader
      }
    } else {
      logger.info("event stream ended by the server", { reason, open: openStreamCount() });
      controller?.error(new StreamEnded(reason));
    }
  };

  const release = admitStream(caller, (reason) => end(reason));
  let subscription: { unsubscribe: () => void } | null = null;
  try {
    epoch = await readDatabaseEpoch();
    if (epoch !== feedPosition().epoch && feedPosition().epoch !== "") await checkFeedEpoch(epoch);
    subscription = await subscribeChanges({
      changes: (batch) => {
        // A replay reads the database itself until it has caught up; nothing is held for it meanwhile.
        if (closed || mode === "replay") return;
        // Behind: more than the bound still unread when the next changes come (one burst, such as a bulk
        // PUT, may pass the bound on its own; its frames are shared with every other stream).
        if (queued > env.EVENT_STREAM_QUEUE_BYTES) return end("the reader fell behind");
        pushBatch(batch);
      },
      reset: () => {
        if (closed) return;
        generation++;
        queue.length = 0;
        queued = 0;
        ({ epoch, head: after } = feedPosition());
        mode = "live";
        push(resetFrame(epoch, after, "the database was restored or replaced"));
      },
    });
    epoch = feedPosition().epoch || epoch;
    const start = await startOf(position, epoch);
    mode = start.mode;
    after = start.after;
    push(textFrame("retry: 2000\n: connected\n\n"));
    if (start.reset) push(resetFrame(epoch, after, start.reset));
  } catch (error) {
    subscription?.unsubscribe();
    release();
    throw error;
  }

  const heartbeat = setInterval(() => push(textFrame(": heartbeat\n\n")), HEARTBEAT_MS);
  // Who else has the page open: for people's pages only (a token is a system, which has no page), without an
  // id, so a `presence` event is never replayed nor moves Last-Event-ID (docs/decisions/030).
  const stopPresence =
    caller.kind === "session"
      ? subscribePresence((frame) => {
          if (!closed) push(frame);
        })
      : () => {};
  // Change requests made and decided (docs/decisions/043), to pages only, like presence.
  const stopRequests =
    caller.kind === "session"
      ? subscribeChangeRequests((frame) => {
          if (!closed) push(frame);
        })
      : () => {};
  cleanup = () => {
    clearInterval(heartbeat);
    stopPresence();
    stopRequests();
    subscription?.unsubscribe();
    release();
    signal.removeEventListener("abort", onAbort);
    queue.length = 0;
    queued = 0;
    logger.info("event stream closed", { open: openStreamCount() });
  };
  const onAbort = () => end(null);
  signal.addEventListener("abort", onAbort, { once: true });
  if (signal.aborted) end(null);

  /** Reads the next replay page; once the replay has caught up with the feed, the stream goes live. */
  const replayPage = async () => {
    const reading = generation;
    const [page, pruned] = await Promise.all([listChangesAfter({ after, limit: REPLAY_PAGE }), prunedThroughId()]);
    if (reading !== generation || mode !== "replay") return;
    // A prune that ran while this replay was paged removed changes it had yet to send: start over, as at the start.
    if (after < pruned) {
      // Synchronously, as the feed's own reset: whatever the feed hands out from here on is sent.
      generation++;
      after = feedPosition().head;
      mode = "live";
      push(resetFrame(epoch, after, "changes this stream had yet to replay were pruned"));
      return;
    }
    if (page.length > 0) pushBatch(encodeChanges(epoch, page));
    // Short page: the database had nothing more when read. Anything the feed handed out since lies at or
    // below its head; live from here only if that is not beyond what was read.
    if (page.length < REPLAY_PAGE && feedPosition().head <= after) mode = "live";
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (closed) c.close();
      },
      async pull(c) {
        while (!closed && queue.length === 0) {
          if (mode === "replay") {
            try {
              await replayPage();
            } catch {
              // The client resumes from what it has (the database did not answer).
              return end("the database did not answer");
            }
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
        if (closed) return;
        const { bytes } = queue.shift()!;
        queued -= bytes.byteLength;
        c.enqueue(bytes);
      },
      cancel() {
        end(null);
      },
    },
    // Nothing is read ahead of the connection: pull runs only when it wants bytes.
    { highWaterMark: 0 },
  );
}

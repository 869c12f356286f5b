import "server-only";
import { logger } from "@/lib/logger";
import { textFrame } from "@/lib/processes/event-frames";

// A feed beside the change feed that one reader per instance polls while any event stream here follows it:
// every tick (and at once when woken, after a write on this instance) it reads a summary, and when the summary
// differs from the last one sent, hands one frame, encoded once, to every listener. Its frames carry no id:
// never replayed, never moving Last-Event-ID. Presence (note 030) and change requests (note 043) are such feeds.

type Listener = (frame: Uint8Array) => void;

export type PolledFeed = {
  /** Calls `listener` with the latest frame now (when there is one) and with each new one. */
  subscribe: (listener: Listener) => () => void;
  /** Reads now rather than at the next tick. */
  wake: () => void;
  listenerCount: () => number;
};

export function createPolledFeed(options: {
  /** The SSE event name of the frames. */
  event: string;
  tickMs: number;
  /** The summary as text, or null to send nothing this time. */
  read: () => Promise<string | null>;
  /** The log message of a failed read; a database that does not answer changes nothing shown. */
  failure: string;
}): PolledFeed {
  const listeners = new Set<Listener>();
  let last: { text: string; frame: Uint8Array } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let reading = false;
  let again = false;

  const read = async () => {
    try {
      const text = await options.read();
      if (text === null || text === last?.text || listeners.size === 0) return;
      last = { text, frame: textFrame(`event: ${options.event}\ndata: ${text}\n\n`) };
      for (const listener of listeners) listener(last.frame);
    } catch (error) {
      logger.warn(options.failure, { error: (error as Error).message });
    }
  };

  const wake = () => {
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
        wake();
      }
    });
  };

  const subscribe = (listener: Listener) => {
    listeners.add(listener);
    if (last) listener(last.frame);
    else wake();
    timer ??= setInterval(wake, options.tickMs);
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      clearInterval(timer);
      timer = undefined;
      last = null;
    };
  };

  return { subscribe, wake, listenerCount: () => listeners.size };
}

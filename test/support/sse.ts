/** A Server-Sent Events client for contract tests: real HTTP, events parsed as they arrive. */
export type SseEvent = { event: string; id: string | null; data: any };

export type SseStream = {
  status: number;
  headers: Headers;
  /** The next event that `match` accepts (others before it are kept for later calls); fails after `timeoutMs`. */
  next: (match?: (e: SseEvent) => boolean, timeoutMs?: number) => Promise<SseEvent>;
  /** Every event received and not yet taken. */
  received: () => SseEvent[];
  close: () => void;
  /** Settles when the server ends the stream (or it is closed here): the body is done. */
  ended: Promise<void>;
};

export async function openEvents(url: string, headers: Record<string, string>): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { Accept: "text/event-stream", ...headers }, signal: controller.signal });
  const queue: SseEvent[] = [];
  let wake = (): void => {};
  let buffer = "";
  let ended: Promise<void> = Promise.resolve();
  if (res.ok && res.body) {
    ended = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = Object.fromEntries(
              block
                .split("\n")
                .filter((line) => !line.startsWith(":") && line.includes(":"))
                .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trimStart()]),
            );
            if (fields.data === undefined) continue;
            queue.push({ event: fields.event ?? "message", id: fields.id ?? null, data: JSON.parse(fields.data) });
            wake();
          }
        }
      } catch {
        // closed
      }
    })();
  }
  const next = async (match: (e: SseEvent) => boolean = () => true, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = queue.findIndex(match);
      if (index >= 0) return queue.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(queue)}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.min(left, 200));
      });
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    next,
    received: () => [...queue],
    close: () => controller.abort(),
    ended,
  };
}

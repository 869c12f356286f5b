import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import type { SseEvent } from "@/test/support/sse";

// HTTPS to a proxy the test started: its own CA (the test's certificate), a chosen local address (127.0.0.x,
// each another TCP peer), and the answers' raw headers (Set-Cookie attributes, a header sent twice).

export type HttpsTarget = { port: number; ca: string; localAddress?: string };
export type HttpsAnswer = { status: number; headers: IncomingHttpHeaders; rawHeaders: string[]; body: string };

function open(target: HttpsTarget, method: string, path: string, headers: Record<string, string>) {
  return https.request({
    host: "127.0.0.1",
    servername: "localhost",
    port: target.port,
    ca: target.ca,
    localAddress: target.localAddress,
    method,
    path,
    headers: { Host: `localhost:${target.port}`, ...headers },
    agent: false,
  });
}

export function httpsRequest(
  target: HttpsTarget,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = open(target, method, path, options.headers ?? {});
    req.once("error", reject);
    req.once("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.once("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body }),
      );
    });
    req.end(options.body);
  });
}

/** Every value of one header as sent (names compared without case). */
export function headerValues(answer: HttpsAnswer, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2)
    if (answer.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) values.push(answer.rawHeaders[i + 1]!);
  return values;
}

export type HttpsEvents = {
  status: number;
  headers: IncomingHttpHeaders;
  /** The next event that `match` accepts; fails after `timeoutMs`. */
  next: (match: (e: SseEvent) => boolean, timeoutMs?: number) => Promise<SseEvent>;
  /** Settles when the stream ends (the proxy closed it, or close()). */
  ended: Promise<void>;
  /** Whether the answer is still being received. */
  open: () => boolean;
  close: () => void;
};

/** An event stream over HTTPS, parsed as bytes arrive (nothing waits for the answer's end). */
export function openHttpsEvents(target: HttpsTarget, path: string, headers: Record<string, string>) {
  return new Promise<HttpsEvents>((resolve, reject) => {
    const req = open(target, "GET", path, { Accept: "text/event-stream", ...headers });
    req.once("error", reject);
    req.once("response", (res) => {
      const queue: SseEvent[] = [];
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const lines = buffer.slice(0, end).split("\n");
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            lines
              .find((l) => l.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          const data = field("data");
          if (data !== undefined)
            queue.push({ event: field("event") ?? "message", id: field("id") ?? null, data: JSON.parse(data) });
        }
      });
      let open = true;
      const ended = new Promise<void>((r) => res.once("close", () => ((open = false), r())));
      const next = async (match: (e: SseEvent) => boolean, timeoutMs = 15_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const index = queue.findIndex(match);
          if (index >= 0) return queue.splice(index, 1)[0]!;
          if (Date.now() > deadline)
            throw new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(queue)}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        next,
        ended,
        open: () => open,
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}

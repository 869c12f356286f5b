import net from "node:net";
import { checkAnswer } from "@/test/support/answers";

/**
 * HTTP/1.1 written by hand over a socket, for what fetch refuses to send: TRACE and CONNECT, a chosen
 * Host header, a body without Content-Length, and a chosen local address (127.0.0.2, 127.0.0.3, … are
 * all this machine, and each is another TCP peer to the server).
 */
export type RawRequest = {
  method: string;
  /** The request target as sent: "/path?query", "host:443" for CONNECT, an absolute URL. */
  target: string;
  headers?: Record<string, string | string[]>;
  body?: string;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
  localAddress?: string;
};

export type RawResponse = { status: number; headers: Map<string, string>; body: string; json: any };

function decodeChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf("\r\n", at);
    const size = parseInt(raw.subarray(at, lineEnd).toString("latin1"), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

function parseResponse(raw: Buffer): RawResponse {
  const headEnd = raw.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = raw.subarray(0, headEnd).toString("latin1").split("\r\n");
  const headers = new Map<string, string>();
  for (const line of lines) {
    const i = line.indexOf(":");
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  let bodyBytes = raw.subarray(headEnd + 4);
  if (headers.get("transfer-encoding")?.includes("chunked")) bodyBytes = decodeChunked(bodyBytes);
  const body = bodyBytes.toString("utf8");
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body, json };
}

/** The path a request target names, when it names one ("*" and CONNECT's authority do not). */
function targetPath(target: string): string | null {
  if (target.startsWith("/")) return target;
  try {
    return new URL(target).pathname;
  } catch {
    return null;
  }
}

/** Sends one request on a fresh connection (Connection: close), reads the whole answer and checks it against the API's OpenAPI document. */
export async function rawHttp(port: number, request: RawRequest): Promise<RawResponse> {
  const response = await exchange(port, request);
  const path = targetPath(request.target);
  if (path !== null && request.method !== "HEAD") {
    const headers = new Headers([...response.headers.entries()]);
    await checkAnswer(`http://127.0.0.1:${port}`, {
      method: request.method,
      path,
      status: response.status,
      headers,
      text: response.body,
    });
  }
  return response;
}

function exchange(port: number, request: RawRequest): Promise<RawResponse> {
  const headers: [string, string][] = [];
  const given = Object.entries(request.headers ?? {});
  if (!given.some(([name]) => name.toLowerCase() === "host")) headers.push(["Host", `127.0.0.1:${port}`]);
  for (const [name, value] of given) for (const v of [value].flat()) headers.push([name, v]);
  headers.push(["Connection", "close"]);
  let body = "";
  if (request.body !== undefined && request.chunked) {
    headers.push(["Transfer-Encoding", "chunked"]);
    const size = Buffer.byteLength(request.body);
    body = `${size.toString(16)}\r\n${request.body}\r\n0\r\n\r\n`;
  } else if (request.body !== undefined) {
    headers.push(["Content-Length", String(Buffer.byteLength(request.body))]);
    body = request.body;
  }
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}`).join("\r\n")}\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: "127.0.0.1", localAddress: request.localAddress });
    const chunks: Buffer[] = [];
    socket.on("data", (d: Buffer) => chunks.push(d));
    // A server may answer and close before it read all of a body; an answer that arrived counts.
    let failure: Error | undefined;
    socket.on("error", (error) => (failure = error));
    socket.on("close", () => {
      if (chunks.length === 0) return reject(failure ?? new Error("connection closed without an answer"));
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.write(head);
    if (body) socket.write(body);
  });
}

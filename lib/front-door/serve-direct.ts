import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import type { DirectHandler } from "@/lib/front-door/direct-routes";

// How the server answers a direct route (lib/front-door/direct-routes.ts) as Next would have: the request as a
// Web Request (its body read as Next reads it), the handler's Response written back, a body of 1 KB or more
// gzipped for a client that accepts it (Next's compression does the same, with the same threshold).

const gzip = promisify(gzipCallback);
const COMPRESS_FROM_BYTES = 1024;
// The URL's origin is never used by the direct routes (no route reads its host; CSRF checks compare Origin with
// APP_URL): a fixed one keeps a client's Host header out of it.
const ORIGIN = "http://localhost";

/** Whether Accept-Encoding admits gzip (by name or `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzipQ: number | null = null;
  let anyQ: number | null = null;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (name.trim() === "gzip") gzipQ = weight;
    else if (name.trim() === "*") anyQ = weight;
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}

function requestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? "GET";
  // As Next's NodeNextRequest.stream(): every chunk is taken as it arrives.
  const body =
    method === "GET"
      ? null
      : new ReadableStream<Uint8Array>({
          start(controller) {
            req.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
            req.on("end", () => controller.close());
            req.on("error", (error) => controller.error(error));
          },
        });
  return new Request(new URL(req.url ?? "/", ORIGIN), { method, headers, body, duplex: "half" } as RequestInit);
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  if (response.body === null || response.status === 204 || response.status === 304) {
    res.end();
    return;
  }
  let body = Buffer.from(await response.arrayBuffer());
  res.setHeader("Vary", "Accept-Encoding");
  if (body.length >= COMPRESS_FROM_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
    body = await gzip(body);
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

/** Runs a direct route's handler for the request and writes its answer. */
export async function serveDirect(
  req: IncomingMessage,
  res: ServerResponse,
  route: { handler: DirectHandler; params: Record<string, string> },
): Promise<void> {
  const response = await route.handler(requestOf(req), route.params);
  await writeResponse(req, res, response);
}

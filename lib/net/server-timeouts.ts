// How long the server waits for a request (server.ts). Node's default lets a slow body hold a connection
// for 300 s. The largest honest request is a body of MAX_BODY_BYTES; we assume a plant link of at least
// 1 Mbit/s for one upload (8 MB: 67 s), plus 10 s for the headers and the rest.
export const SLOWEST_LINK_BITS_PER_SECOND = 1_000_000;
export const HEADERS_TIMEOUT_MS = 10_000;

export function serverTimeouts(maxBodyBytes: number): { headersTimeout: number; requestTimeout: number } {
  const bodyMs = Math.ceil(((maxBodyBytes * 8) / SLOWEST_LINK_BITS_PER_SECOND) * 1000);
  return { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: HEADERS_TIMEOUT_MS + bodyMs };
}

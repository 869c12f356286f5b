import { CLIENT_ADDRESS_HEADER } from "@/lib/net/client-address";

/**
 * The caller's address, for rate limits and logs: the TCP peer, or with TRUSTED_PROXIES the client a
 * listed proxy forwarded for. Decided by the server before Next sees the request (server.ts,
 * lib/net/client-address.ts); "unknown" only where the app runs without that server (tests of single modules).
 */
export function clientIpFromHeaders(get: (name: string) => string | null | undefined): string {
  return get(CLIENT_ADDRESS_HEADER) || "unknown";
}

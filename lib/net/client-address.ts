import { canonicalIp, type IpRanges } from "@/lib/net/ip";

/**
 * The request header in which the server (server.ts) hands the client's address to the app. The server
 * removes any value a client sent before it sets its own, so the app can trust it.
 */
export const CLIENT_ADDRESS_HEADER = "x-client-address";

/** "1.2.3.4:5678" and "[2001:db8::1]:443" (as some proxies write hops) without their ports. */
function withoutPort(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return v4 ? v4[1]! : hop;
}

/**
 * The client's address: the TCP peer's, unless the peer is a listed proxy. Then X-Forwarded-For is read
 * from its end, skipping listed proxies: the first hop not in the list is the client. Everything left of
 * that hop was written by the client itself, so it never counts. A hop that is not an address stops the
 * walk at the last proxy, which then stands for the client (a misconfigured chain shares one limit).
 */
export function resolveClientAddress(options: {
  peer: string | undefined;
  forwardedFor: string | string[] | undefined;
  trusted: IpRanges;
}): string {
  const peer = canonicalIp(options.peer ?? "");
  if (peer === null) return "unknown";
  if (!options.trusted.contains(peer)) return peer;
  const header = Array.isArray(options.forwardedFor) ? options.forwardedFor.join(",") : (options.forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = canonicalIp(withoutPort(hops[i]!));
    if (hop === null) return nearest;
    if (!options.trusted.contains(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}

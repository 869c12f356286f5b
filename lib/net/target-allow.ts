import { BlockList, isIP } from "node:net";
import { canonicalIp, parseIpRanges, type IpRanges } from "@/lib/net/ip";

// WEBHOOK_ALLOW: which outbound targets the app may call (webhooks). Host names (exact, or `*.suffix` for any
// name under it) and networks (addresses, CIDRs). A name allows the name, never what it resolves to inside
// private ranges: a resolved address that is private is allowed only when a listed network holds it (so an
// allowed public name that an attacker points at 127.0.0.1 or 10.x is still refused: DNS rebinding).

export type TargetAllowList = { entries: string[]; hosts: string[]; networks: IpRanges };

const HOST =
  /^(\*\.)?(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export function parseTargetAllowList(list: string): { allow: TargetAllowList } | { problems: string[] } {
  const entries = list.split(/[\s,]+/).filter(Boolean);
  const hosts: string[] = [];
  const networks: string[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    const lower = entry.toLowerCase();
    if (/^[\d.:/a-f]+$/.test(lower) && (lower.includes("/") || canonicalIp(lower.split("/")[0]!) !== null))
      networks.push(lower);
    else if (HOST.test(lower)) hosts.push(lower);
    else problems.push(`"${entry}" is not a host name (plant.example, *.plant.example), address or CIDR range`);
  }
  const parsed = parseIpRanges(networks.join(","));
  if ("problems" in parsed) problems.push(...parsed.problems);
  if (problems.length > 0 || "problems" in parsed) return { problems };
  return { allow: { entries, hosts, networks: parsed.ranges } };
}

/** Loopback, private, link-local, shared, reserved, multicast, unspecified: never reached unless listed. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2001:db8::", 32],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const ip = canonicalIp(address);
  if (ip === null) return true;
  return PRIVATE.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");
}

/** Whether the allow-list names this host (a name, not an address). */
export function hostListed(allow: TargetAllowList, host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return allow.hosts.some((h) => (h.startsWith("*.") ? name.endsWith(h.slice(1)) : name === h));
}

/**
 * Why connecting to `address` (what `host` resolved to, or `host` itself when it is an address) is refused,
 * or null when it is allowed: a listed network holds it, or the host name is listed and the address is public.
 */
export function addressRefusal(allow: TargetAllowList, host: string, address: string): string | null {
  if (allow.networks.contains(address)) return null;
  const literal = canonicalIp(host.replace(/^\[|\]$/g, "")) !== null;
  if (literal || !hostListed(allow, host)) return `${host} is not in WEBHOOK_ALLOW`;
  if (isPrivateAddress(address))
    return `${host} resolves to ${address}, a private or reserved address no network of WEBHOOK_ALLOW holds`;
  return null;
}

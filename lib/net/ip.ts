import { BlockList, isIP, SocketAddress } from "node:net";

// IP addresses and ranges, for TRUSTED_PROXIES and the client address. IPv4-mapped IPv6 addresses
// (::ffff:10.0.0.5, as a dual-stack socket reports IPv4 peers) count as their IPv4 address.

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** One address in one spelling (lower case, zeros compressed, IPv4-mapped as IPv4, no zone); null if not an address. */
export function canonicalIp(text: string): string | null {
  const value = text.trim();
  const family = isIP(value);
  if (family === 4) return value;
  if (family !== 6) return null;
  const compact = new SocketAddress({ address: value, family: "ipv6" }).address;
  return MAPPED_V4.exec(compact)?.[1] ?? compact;
}

export type IpRanges = {
  /** The entries as given, for messages and logs. */
  entries: string[];
  contains: (address: string) => boolean;
};

/**
 * Parses a list of addresses and CIDRs ("10.0.0.5, 10.1.0.0/16 fd00::/8"; commas or spaces).
 * Returns the problems instead when an entry is neither.
 */
export function parseIpRanges(list: string): { ranges: IpRanges } | { problems: string[] } {
  const entries = list.split(/[\s,]+/).filter(Boolean);
  const blocks = new BlockList();
  const problems: string[] = [];
  for (const entry of entries) {
    const [address = "", prefixText, extra] = entry.split("/");
    const ip = canonicalIp(address);
    const family = ip === null ? 0 : isIP(ip);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (ip === null || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      problems.push(`"${entry}" is not an IP address or CIDR range (such as 10.0.0.5, 10.0.0.0/8 or fd00::/8)`);
      continue;
    }
    blocks.addSubnet(ip, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  if (problems.length > 0) return { problems };
  return {
    ranges: {
      entries,
      contains: (address) => {
        const ip = canonicalIp(address);
        if (ip === null) return false;
        return blocks.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");
      },
    },
  };
}

/** The eight 16-bit groups of an IPv6 address (canonical input). */
function ipv6Groups(ip: string): string[] {
  const [head = "", tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:… forms other than mapped ones) takes two groups.
  const last = right.at(-1) ?? left.at(-1) ?? "";
  if (last.includes(".")) {
    const octets = last.split(".").map(Number);
    const words = [((octets[0]! << 8) | octets[1]!).toString(16), ((octets[2]! << 8) | octets[3]!).toString(16)];
    if (right.length > 0) right.splice(-1, 1, ...words);
    else left.splice(-1, 1, ...words);
  }
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right];
}

/**
 * The key a per-address limit counts under: the address itself for IPv4, its /64 for IPv6, since one
 * IPv6 client usually holds a whole /64 and could otherwise rotate through it.
 */
export function addressLimitKey(address: string): string {
  const ip = canonicalIp(address);
  if (ip === null || isIP(ip) === 4) return ip ?? address;
  return `${ipv6Groups(ip).slice(0, 4).join(":")}::/64`;
}

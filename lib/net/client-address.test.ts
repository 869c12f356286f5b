import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "@/lib/net/client-address";
import { parseIpRanges, type IpRanges } from "@/lib/net/ip";

const trusted = (list: string): IpRanges => {
  const parsed = parseIpRanges(list);
  if (!("ranges" in parsed)) throw new Error("bad list");
  return parsed.ranges;
};

describe("resolveClientAddress", () => {
  it.each<[string, string | undefined, string | string[] | undefined, string, string]>([
    // [case, peer, X-Forwarded-For, TRUSTED_PROXIES, expected]
    ["no proxy listed: the peer, whatever the header says", "203.0.113.9", "6.6.6.6", "", "203.0.113.9"],
    ["a peer that is not listed cannot forward", "203.0.113.9", "6.6.6.6", "10.0.0.1", "203.0.113.9"],
    ["a listed proxy: the last hop", "10.0.0.1", "198.51.100.7", "10.0.0.1", "198.51.100.7"],
    [
      "the client's own hops to the left never count",
      "10.0.0.1",
      "6.6.6.6, 7.7.7.7, 198.51.100.7",
      "10.0.0.1",
      "198.51.100.7",
    ],
    [
      "listed proxies in the chain are skipped",
      "10.0.0.1",
      "6.6.6.6, 198.51.100.7, 10.0.0.2",
      "10.0.0.0/24",
      "198.51.100.7",
    ],
    ["several headers are one list", "10.0.0.1", ["6.6.6.6, 198.51.100.7", "10.0.0.2"], "10.0.0.0/24", "198.51.100.7"],
    ["a listed proxy without the header stands for itself", "10.0.0.1", undefined, "10.0.0.1", "10.0.0.1"],
    ["only listed hops: the first of them", "10.0.0.1", "10.0.0.3, 10.0.0.2", "10.0.0.0/24", "10.0.0.3"],
    [
      "a hop that is not an address stops at the last proxy",
      "10.0.0.1",
      "198.51.100.7, garbage",
      "10.0.0.1",
      "10.0.0.1",
    ],
    ["an empty hop is skipped", "10.0.0.1", "198.51.100.7, ,", "10.0.0.1", "198.51.100.7"],
    ["ports on hops are dropped", "10.0.0.1", "198.51.100.7:51234", "10.0.0.1", "198.51.100.7"],
    ["bracketed IPv6 hops with ports", "10.0.0.1", "[2001:db8::7]:443", "10.0.0.1", "2001:db8::7"],
    ["IPv6 peers and ranges", "fd00::1", "2001:DB8::7", "fd00::/8", "2001:db8::7"],
    ["an IPv4-mapped peer is its IPv4 address", "::ffff:10.0.0.1", "198.51.100.7", "10.0.0.1", "198.51.100.7"],
    ["an IPv4-mapped peer not listed", "::ffff:203.0.113.9", "6.6.6.6", "10.0.0.1", "203.0.113.9"],
    ["no peer (a closed socket)", undefined, "6.6.6.6", "", "unknown"],
  ])("%s", (_, peer, forwardedFor, list, expected) => {
    expect(resolveClientAddress({ peer, forwardedFor, trusted: trusted(list) })).toBe(expected);
  });
});

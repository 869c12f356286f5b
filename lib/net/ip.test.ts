import { describe, expect, it } from "vitest";
import { addressLimitKey, canonicalIp, parseIpRanges, type IpRanges } from "@/lib/net/ip";

function ranges(list: string): IpRanges {
  const parsed = parseIpRanges(list);
  if (!("ranges" in parsed)) throw new Error(parsed.problems.join("; "));
  return parsed.ranges;
}

describe("canonicalIp", () => {
  it.each([
    ["10.0.0.5", "10.0.0.5"],
    [" 10.0.0.5 ", "10.0.0.5"],
    ["::ffff:10.0.0.5", "10.0.0.5"],
    ["::FFFF:a00:5", "10.0.0.5"],
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
  ])("%s → %s", (input, expected) => expect(canonicalIp(input)).toBe(expected));

  it.each([
    "",
    "unknown",
    "10.0.0",
    "010.0.0.5",
    "10.0.0.256",
    "1.2.3.4:80",
    "[::1]",
    "evil.example",
    "1.2.3.4, 5.6.7.8",
  ])("%j is not an address", (input) => expect(canonicalIp(input)).toBeNull());
});

describe("parseIpRanges (TRUSTED_PROXIES)", () => {
  it("reads addresses and CIDRs of both families, separated by commas or spaces", () => {
    const list = ranges("10.0.0.5, 192.168.0.0/16  fd00::/8,::1");
    expect(list.entries).toEqual(["10.0.0.5", "192.168.0.0/16", "fd00::/8", "::1"]);
    for (const inside of ["10.0.0.5", "192.168.44.1", "::ffff:192.168.1.1", "fd12:3456::1", "::1"])
      expect(list.contains(inside), inside).toBe(true);
    for (const outside of ["10.0.0.6", "192.169.0.1", "fe80::1", "127.0.0.1", "garbage", ""])
      expect(list.contains(outside), outside).toBe(false);
  });

  it("is empty by default: nothing is trusted", () => {
    const list = ranges("");
    expect(list.entries).toEqual([]);
    expect(list.contains("127.0.0.1")).toBe(false);
  });

  it.each([
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/",
    "10.0.0.0/8/8",
    "10.0.0.0/-1",
    "10.0.0.0/x",
    "proxy.local",
    "10.0.0",
  ])("refuses %j, naming it", (entry) => {
    const parsed = parseIpRanges(`10.0.0.1, ${entry}`);
    expect(parsed).toEqual({ problems: [expect.stringContaining(`"${entry}" is not an IP address or CIDR range`)] });
  });
});

describe("addressLimitKey", () => {
  it.each([
    ["10.0.0.5", "10.0.0.5"],
    ["::ffff:10.0.0.5", "10.0.0.5"],
    ["2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:bbbb:cccc:dddd:eeee", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["unknown", "unknown"],
  ])("%s counts as %s", (address, key) => expect(addressLimitKey(address)).toBe(key));
});

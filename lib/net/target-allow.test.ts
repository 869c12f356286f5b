import { describe, expect, it } from "vitest";
import { addressRefusal, isPrivateAddress, parseTargetAllowList, type TargetAllowList } from "@/lib/net/target-allow";

const allow = (list: string): TargetAllowList => {
  const parsed = parseTargetAllowList(list);
  if ("problems" in parsed) throw new Error(parsed.problems.join("; "));
  return parsed.allow;
};

describe("WEBHOOK_ALLOW", () => {
  it.each([
    ["", "mes.plant.example", "203.0.113.5", "mes.plant.example is not in WEBHOOK_ALLOW"],
    ["mes.plant.example", "mes.plant.example", "203.0.113.5", null],
    ["MES.plant.example", "mes.plant.example.", "203.0.113.5", null],
    ["*.plant.example", "a.b.plant.example", "203.0.113.5", null],
    ["*.plant.example", "plant.example", "203.0.113.5", "plant.example is not in WEBHOOK_ALLOW"],
    ["*.plant.example", "evilplant.example", "203.0.113.5", "evilplant.example is not in WEBHOOK_ALLOW"],
    ["mes.plant.example", "mes.plant.example", "10.0.0.7", /private or reserved/],
    ["localhost", "localhost", "127.0.0.1", /private or reserved/],
    ["localhost", "localhost", "::1", /private or reserved/],
    ["mes.plant.example", "mes.plant.example", "::ffff:192.168.1.1", /private or reserved/],
    ["localhost 127.0.0.0/8", "localhost", "127.0.0.1", null],
    ["10.1.0.0/16", "mes.plant.example", "10.1.2.3", null],
    ["10.1.0.0/16", "10.1.2.3", "10.1.2.3", null],
    ["10.1.0.0/16", "10.2.0.1", "10.2.0.1", "10.2.0.1 is not in WEBHOOK_ALLOW"],
    ["203.0.113.5", "[::1]", "::1", "[::1] is not in WEBHOOK_ALLOW"],
  ])("%j: %s at %s", (list, host, address, expected) => {
    const refusal = addressRefusal(allow(list), host, address);
    if (expected instanceof RegExp) expect(refusal).toMatch(expected);
    else expect(refusal).toBe(expected);
  });

  it.each([["http://x"], ["10.0.0.0/33"], ["a..b"], ["*"]])("refuses the entry %j", (entry) => {
    expect(parseTargetAllowList(entry)).toHaveProperty("problems");
  });

  it.each([
    ["127.0.0.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["fd00::1", true],
    ["::", true],
    ["8.8.8.8", false],
    ["2a00:1450::1", false],
  ])("%s private: %s", (address, expected) => expect(isPrivateAddress(address)).toBe(expected));
});

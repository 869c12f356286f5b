import { describe, expect, it } from "vitest";
import { protectedSetting, reasonList } from "@/lib/env-rules";

// The CHANGE_* variables: the change-control policy's initial values (docs/decisions/032-change-control.md).

describe("CHANGE_REASONS", () => {
  it.each([
    ["", []],
    ["Deviation DV-1", ["Deviation DV-1"]],
    [" Deviation DV-1 ; Recipe fix;;", ["Deviation DV-1", "Recipe fix"]],
    ["Отклонение; Ремонт", ["Отклонение", "Ремонт"]],
  ])("%j → %j", (text, list) => {
    expect(reasonList.parse(text)).toEqual(list);
  });

  it.each([
    ["51 reasons", Array.from({ length: 51 }, (_, i) => `r${i}`).join(";"), "at most 50"],
    ["a reason of 501 characters", "x".repeat(501), "one line of at most 500"],
    ["a control character", "line\tbreak", "one line of at most 500"],
  ])("refuses %s", (_, text, message) => {
    const parsed = reasonList.safeParse(text);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});

describe("CHANGE_PROTECTED", () => {
  it.each([
    ["none", { protection: "none", ids: [] }],
    ["all", { protection: "all", ids: [] }],
    ["3", { protection: "listed", ids: [3] }],
    ["3, 7,12,3", { protection: "listed", ids: [3, 7, 12] }],
  ])("%j → %j", (text, value) => {
    expect(protectedSetting.parse(text)).toEqual(value);
  });

  it.each(["", "some", "0", "07", "-1", "3,", "3;4", "2147483648", "all,3"])("refuses %j", (text) => {
    expect(protectedSetting.safeParse(text).success).toBe(false);
  });
});

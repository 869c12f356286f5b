import { describe, expect, it } from "vitest";
import { SAFE_DESTINATION, safeCallbackUrl } from "@/lib/auth/safe-callback-url";

const APP = "https://processes.plant.example";

describe("safeCallbackUrl", () => {
  it.each([
    ["/settings/processes", "/settings/processes"],
    ["/settings/processes?filter=oven#row-3", "/settings/processes?filter=oven#row-3"],
    ["/settings/../settings/api-tokens", "/settings/api-tokens"],
    [`${APP}/settings/api-tokens`, "/settings/api-tokens"],
    [`${APP}`, "/"],
    ["settings", "/settings"],
    // Encoded forms stay encoded: the browser asks this app for that (odd) path.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["%252F%252Fevil.example", "/%252F%252Fevil.example"],
    ["/@evil.example", "/@evil.example"],
    // http: without slashes is a relative reference on an http(s) base.
    ["https:evil.example", "/evil.example"],
  ])("keeps %j on the app as %j", (input, expected) => {
    expect(safeCallbackUrl(input, APP)).toBe(expected);
  });

  it.each([
    // The payloads of the probe (issue 8), as Next hands them over decoded once.
    "/.//evil.example",
    "/..//evil.example",
    "/./\\evil.example",
    // Protocol-relative and backslash forms.
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "//evil.example/%2e%2e",
    // Absolute URLs elsewhere, other schemes, userinfo.
    "https://evil.example/settings",
    "http://processes.plant.example/settings",
    "https://processes.plant.example.evil.example/",
    "https://processes.plant.example:8443/settings",
    "https://processes.plant.example@evil.example/",
    "//processes.plant.example@evil.example",
    "https://user:pass@evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "http://[::1]/",
    "http:/\\evil.example",
  ])("sends %j to the safe destination", (input) => {
    expect(safeCallbackUrl(input, APP)).toBe(SAFE_DESTINATION);
  });

  it.each([undefined, null, "", []])("without a target (%j) goes to the safe destination", (input) => {
    expect(safeCallbackUrl(input as string | undefined, APP)).toBe(SAFE_DESTINATION);
  });

  it("takes the first of repeated parameters, and judges it alone", () => {
    expect(safeCallbackUrl(["/settings/api-tokens", "//evil.example"], APP)).toBe("/settings/api-tokens");
    expect(safeCallbackUrl(["//evil.example", "/settings"], APP)).toBe(SAFE_DESTINATION);
  });

  it("with no configured origin, nothing is safe but the default", () => {
    expect(safeCallbackUrl("/settings/processes", "")).toBe(SAFE_DESTINATION);
  });

  it("what it returns, resolved by a browser against the app, stays on the app", () => {
    const inputs = ["/.//evil.example", "/./\\evil.example", "/%2F%2Fevil.example", "%252F%252Fevil.example", "/x"];
    for (const input of inputs) expect(new URL(safeCallbackUrl(input, APP), APP).origin).toBe(APP);
  });
});

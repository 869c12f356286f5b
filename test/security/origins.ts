import { expect, it } from "vitest";
import { rawHttp } from "@/test/support/raw-http";
import type { SecurityApp } from "@/test/security/security-app";

// Issue 8, item 7: a cookie write passes only when its Origin (or, without one, its Referer) is APP_URL's
// origin; never compared with Host or X-Forwarded-Host. A malformed Origin is 3001/403, never 500.

export function originCases(app: SecurityApp): void {
  const write = (headers: Record<string, string>, name = "cross-site") =>
    rawHttp(app.main.port, {
      method: "PUT",
      target: "/api/v1/processes/1",
      headers: { Cookie: app.session, "Content-Type": "application/json", ...headers },
      body: JSON.stringify({ name, comment: "" }),
    });

  it.each<[string, Record<string, string>]>([
    ["Origin: null", { Origin: "null" }],
    ["an Origin that is not a URL", { Origin: "not a url" }],
    ["an Origin without a host", { Origin: "http://" }],
    ["an Origin with a broken port", { Origin: "http://127.0.0.1:99999" }],
    ["an empty Origin", { Origin: "" }],
    [
      "another origin, with Host and X-Forwarded-Host spoofed to match it",
      {
        Origin: "http://evil.example",
        Host: "evil.example",
        "X-Forwarded-Host": "evil.example",
      },
    ],
    [
      "another origin, with only X-Forwarded-Host spoofed",
      { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" },
    ],
    ["the same host on another port", { Origin: "http://127.0.0.1:1" }],
    ["the same machine by another name", { Origin: "http://localhost" }],
    ["no Origin, another site's Referer", { Referer: "http://evil.example/settings" }],
    ["no Origin, a Referer that is not a URL", { Referer: "garbage" }],
    ["neither, only Sec-Fetch-Site: same-origin", { "Sec-Fetch-Site": "same-origin" }],
    ["neither", {}],
  ])("refuses a cookie write with %s (3001/403), changing nothing", async (_, headers) => {
    const before = await app.list();
    const res = await write(headers);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: 3001, title: "Access to this resource is denied" });
    expect(await app.list()).toEqual(before);
  });

  it("accepts a cookie write whose Origin or Referer is APP_URL's, even under a spoofed Host", async () => {
    const byOrigin = await write({ Origin: app.main.baseUrl, Host: "evil.example" }, "by origin");
    expect(byOrigin.status).toBe(200);
    expect(byOrigin.json.name).toBe("by origin");
    const byReferer = await write({ Referer: `${app.main.baseUrl}/settings/processes` }, "by referer");
    expect(byReferer.status).toBe(200);
    expect(byReferer.json.name).toBe("by referer");
  });
}

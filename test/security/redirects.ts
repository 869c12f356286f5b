import { expect, it } from "vitest";
import { rawHttp } from "@/test/support/raw-http";
import type { SecurityApp } from "@/test/security/security-app";
import { TEST_ADMIN } from "@/test/support/accounts";
import { cookiesOf } from "@/test/support/session";

// Issue 8, items 2 and 7: every redirect target is resolved against the app's own origin (APP_URL);
// anything that leaves it becomes /settings. A spoofed Host or X-Forwarded-Host never leaks into one.

/** Decoded once by the server: these are what the query parameter carries. */
const LEAVING = [
  "/.//evil.example",
  "/..//evil.example",
  "/./\\evil.example",
  "//evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "/\t/evil.example",
  "https://evil.example/settings",
  "//127.0.0.1@evil.example/",
  "https://user:pass@evil.example/",
  "javascript:alert(document.cookie)",
];

const SPOOFED = { Host: "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" };

/** Signs in through next-auth with a callbackUrl and chosen extra headers; returns where it sends the browser. */
async function signInWith(app: SecurityApp, callbackUrl: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${app.main.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = [...cookiesOf(csrf)].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await rawHttp(app.main.port, {
    method: "POST",
    target: "/api/auth/callback/credentials",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, ...headers },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true", ...TEST_ADMIN }).toString(),
  });
  return res.json.url as string;
}

export function redirectCases(app: SecurityApp): void {
  const onApp = (location: string | undefined) => new URL(location ?? "", app.main.baseUrl).origin;

  it("the sign-in page sends a signed-in person only to paths on the app; the probe's payloads go to /settings", async () => {
    const probe = await rawHttp(app.main.port, {
      method: "GET",
      target: "/signin?callbackUrl=%2F.%2F%2Fevil.example",
      headers: { Cookie: app.session },
    });
    expect(probe.status).toBe(307);
    expect(probe.headers.get("location")).toBe("/settings");
    for (const payload of LEAVING) {
      const res = await rawHttp(app.main.port, {
        method: "GET",
        target: `/signin?callbackUrl=${encodeURIComponent(payload)}`,
        headers: { Cookie: app.session },
      });
      expect(res.headers.get("location"), payload).toBe("/settings");
    }
    // Encoded forms stay encoded paths of this app; doubly encoded ones too.
    for (const payload of ["/%2F%2Fevil.example", "%2F%2Fevil.example", "/%5Cevil.example"]) {
      const res = await rawHttp(app.main.port, {
        method: "GET",
        target: `/signin?callbackUrl=${encodeURIComponent(payload)}`,
        headers: { Cookie: app.session },
      });
      expect(onApp(res.headers.get("location")), payload).toBe(app.main.baseUrl);
    }
    const own = await rawHttp(app.main.port, {
      method: "GET",
      target: `/signin?callbackUrl=${encodeURIComponent(`${app.main.baseUrl}/settings/api-tokens`)}`,
      headers: { Cookie: app.session },
    });
    expect(own.headers.get("location")).toBe("/settings/api-tokens");
  });

  it("next-auth's redirects (sign-in page, sign-in, sign-out) stay on APP_URL, whatever Host and X-Forwarded-Host say", async () => {
    for (const payload of LEAVING) {
      const page = await rawHttp(app.main.port, {
        method: "GET",
        target: `/api/auth/signin?callbackUrl=${encodeURIComponent(payload)}`,
        headers: SPOOFED,
      });
      const location = page.headers.get("location") ?? "";
      expect(location, payload).not.toContain("evil.example");
      expect(onApp(location)).toBe(app.main.baseUrl);
      const callback = new URL(location, app.main.baseUrl).searchParams.get("callbackUrl");
      expect(callback).toBe(`${app.main.baseUrl}/settings`);
      const url = await signInWith(app, payload, SPOOFED);
      expect(url, payload).toBe(`${app.main.baseUrl}/settings`);
    }
    expect(await signInWith(app, "/settings/api-tokens", SPOOFED)).toBe(`${app.main.baseUrl}/settings/api-tokens`);
    const signOut = await rawHttp(app.main.port, { method: "GET", target: "/api/auth/signout", headers: SPOOFED });
    expect(signOut.body).not.toContain("evil.example");
  });

  it("a callback-url cookie that leaves the app is cleared, never followed and never a 500", async () => {
    for (const forged of ["javascript:alert(1)", "https://evil.example/", "//evil.example"]) {
      const res = await rawHttp(app.main.port, {
        method: "GET",
        target: "/api/auth/signin",
        headers: { Cookie: `next-auth.callback-url=${encodeURIComponent(forged)}` },
      });
      expect(res.status, forged).toBe(307);
      expect(res.headers.get("location")).toBe(`${app.main.baseUrl}/api/auth/signin`);
      expect(res.headers.get("set-cookie")).toMatch(
        /^next-auth\.callback-url=; Path=\/; Expires=Thu, 01 Jan 1970|Max-Age=0/,
      );
    }
  });

  it("paths that look like another host are redirected within the app", async () => {
    for (const target of ["//evil.example/", "/\\evil.example/", "//evil.example/%2e%2e", "/.//evil.example/"]) {
      const res = await rawHttp(app.main.port, { method: "GET", target, headers: SPOOFED });
      const location = res.headers.get("location");
      if (location !== undefined) expect(onApp(location), target).toBe(app.main.baseUrl);
      expect(res.status, target).not.toBe(500);
    }
  });
}

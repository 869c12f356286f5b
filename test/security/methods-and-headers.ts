import { expect, it } from "vitest";
import { rawHttp, type RawResponse } from "@/test/support/raw-http";
import { logLineOf } from "@/test/support/server-log";
import { SMALL_LIMIT, type SecurityApp } from "@/test/security/security-app";

// Issue 8, items 8 and 11: every method a path does not serve is 405 in the problem envelope with Allow,
// rate-limited; every answer has X-Request-Id, every answer to a rate-limited request RateLimit, API
// answers nosniff, and HSTS goes with Secure cookies.

const REQUEST_ID = /^[0-9a-f-]{36}$/;

function expect405(res: RawResponse, allow: string, label: string): void {
  expect(res.status, label).toBe(405);
  expect(res.headers.get("content-type"), label).toBe("application/problem+json; charset=UTF-8");
  expect(res.json, label).toMatchObject({ title: "Method Not Allowed", status: 405 });
  expect(res.headers.get("allow"), label).toBe(allow);
  expect(res.headers.get("x-request-id"), label).toMatch(REQUEST_ID);
  expect(res.json.requestId, label).toBe(res.headers.get("x-request-id"));
  expect(res.headers.get("ratelimit"), label).toMatch(/^"api";r=\d+;t=\d+$/);
  expect(res.headers.get("x-content-type-options"), label).toBe("nosniff");
}

export function methodCases(app: SecurityApp): void {
  it.each([
    ["TRACE", "/api/v1/processes", "GET, PUT, HEAD, OPTIONS"],
    ["TRACE", "/api/v1/processes/1", "GET, PUT, HEAD, OPTIONS"],
    ["TRACE", "/settings/processes", "GET, HEAD, OPTIONS"],
    ["TRACE", "/api/auth/session", "GET, POST, OPTIONS"],
    ["TRACE", "/", "GET, HEAD, OPTIONS"],
    ["CONNECT", "evil.example:443", "GET, HEAD, OPTIONS"],
    ["CONNECT", "/api/v1/processes", "GET, PUT, HEAD, OPTIONS"],
    ["PROPFIND", "/api/v1/processes", "GET, PUT, HEAD, OPTIONS"],
    ["PATCH", "/api/v1/processes/1", "GET, PUT, HEAD, OPTIONS"],
    ["DELETE", "/api/v1/processes", "GET, PUT, HEAD, OPTIONS"],
    ["POST", "/settings/processes", "GET, HEAD, OPTIONS"],
  ])(
    "%s %s is 405 with Allow: %s, in the envelope, logged without a stack trace, changing nothing",
    async (method, target, allow) => {
      const before = await app.list();
      const res = await rawHttp(app.main.port, {
        method,
        target,
        headers: { Authorization: `Bearer ${app.observer}`, "Content-Type": "application/json" },
        body: JSON.stringify({ processes: [] }),
      });
      expect405(res, allow, `${method} ${target}`);
      const line = logLineOf(app.main, res.headers.get("x-request-id"));
      expect(line).toMatchObject({ method, status: 405, level: "info" });
      expect(JSON.stringify(line)).not.toContain("stack");
      expect(await app.list()).toEqual(before);
    },
  );

  it.each(["/api/auth/session", "/api/auth/csrf", "/api/auth/signin", "/api/auth/providers"])(
    "HEAD %s is 405 in the envelope (issue 18; next-auth answered it 400 text/plain), setting no cookie",
    async (target) => {
      const res = await rawHttp(app.main.port, { method: "HEAD", target });
      expect(res.status).toBe(405);
      expect(res.headers.get("content-type")).toBe("application/problem+json; charset=UTF-8");
      expect(res.headers.get("allow")).toBe("GET, POST, OPTIONS");
      expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
      expect(res.headers.has("set-cookie")).toBe(false);
      expect(res.body).toBe("");
      expect(logLineOf(app.main, res.headers.get("x-request-id"))).toMatchObject({ method: "HEAD", status: 405 });
    },
  );

  it("a method Node's parser does not know (TRACK) is 400 in the envelope, with X-Request-Id", async () => {
    const res = await rawHttp(app.main.port, { method: "TRACK", target: "/api/v1/tokens" });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ title: "Bad Request", status: 400, requestId: res.headers.get("x-request-id") });
    expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("unserved methods count against the caller's address like any other request", async () => {
    const statuses: number[] = [];
    let last: RawResponse | undefined;
    for (let i = 0; i <= SMALL_LIMIT; i++) {
      last = await rawHttp(app.limited.port, {
        method: "TRACE",
        target: "/api/v1/processes",
        localAddress: "127.0.0.5",
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array<number>(SMALL_LIMIT).fill(405), 429]);
    expect(last!.json).toMatchObject({ code: 6001 });
    expect(last!.headers.get("ratelimit")).toMatch(/^"api";r=0;t=\d+$/);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
}

export function headerCases(app: SecurityApp): void {
  const get = (target: string, headers: Record<string, string> = {}) =>
    rawHttp(app.main.port, { method: "GET", target, headers });

  it.each<[string, number, () => Promise<RawResponse>]>([
    ["401 (no credentials)", 401, () => get("/api/v1/processes")],
    ["401 (an unknown token)", 401, () => get("/api/v1/processes", { Authorization: `Bearer ppt_${"B".repeat(43)}` })],
    [
      "403 (a role not allowed)",
      403,
      async () => get("/api/v1/tokens", { Authorization: `Bearer ${await app.token("User")}` }),
    ],
    [
      "403 (a cookie write from elsewhere)",
      403,
      () =>
        rawHttp(app.main.port, {
          method: "PUT",
          target: "/api/v1/processes/1",
          headers: { Cookie: app.session, Origin: "http://evil.example", "Content-Type": "application/json" },
          body: "{}",
        }),
    ],
    ["404 (an unknown API path)", 404, () => get("/api/v1/nothing-here")],
    ["405 (a method not served)", 405, () => rawHttp(app.main.port, { method: "PATCH", target: "/api/v1/processes" })],
    ["204 (OPTIONS)", 204, () => rawHttp(app.main.port, { method: "OPTIONS", target: "/api/v1/processes" })],
  ])("%s carries X-Request-Id, RateLimit and nosniff", async (_, status, send) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
    expect(res.headers.get("ratelimit-policy")).toBe('"api";q=600;w=60');
    expect(res.headers.get("ratelimit")).toMatch(/^"api";r=\d+;t=\d+$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    if (status === 204) expect(res.headers.get("allow")).toBe("GET, PUT, HEAD, OPTIONS");
  });

  it.each(["/api/v1/errors", "/api/health", "/api/auth/csrf", "/signin", "/no-such-page", "/favicon.ico"])(
    "GET %s carries X-Request-Id and nosniff too",
    async (target) => {
      const res = await get(target);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    },
  );

  it("a caller's own X-Request-Id is kept when it is a plain token and replaced when not", async () => {
    expect((await get("/api/v1/errors", { "X-Request-Id": "mes-7f3a9c21" })).headers.get("x-request-id")).toBe(
      "mes-7f3a9c21",
    );
    const odd = await get("/api/v1/errors", { "X-Request-Id": "short" });
    expect(odd.headers.get("x-request-id")).toMatch(REQUEST_ID);
  });

  it("HSTS is sent when cookies are Secure, and only then", async () => {
    for (const target of ["/api/v1/errors", "/signin", "/api/v1/processes"]) {
      const secure = await rawHttp(app.proxied.port, { method: "GET", target });
      expect(secure.headers.get("strict-transport-security"), target).toBe("max-age=31536000");
      expect((await get(target)).headers.get("strict-transport-security"), target).toBeUndefined();
    }
  });

  it("headers only the server may set are ignored when a client sends them", async () => {
    const forged = encodeURIComponent(JSON.stringify({ status: 204, method: "GET", path: "/", allow: "GET" }));
    const list = await get("/api/v1/processes", {
      Authorization: `Bearer ${app.observer}`,
      "X-Front-Door-Answer": forged,
    });
    expect(list.status).toBe(200);
    const answer = await get("/api/front-door", { "X-Front-Door-Answer": forged });
    expect(answer.status).toBe(404);
    expect(answer.json.detail).toBe("No API resource at /api/front-door");
  });
}

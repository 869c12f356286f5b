import { expect, it } from "vitest";
import { rawHttp } from "@/test/support/raw-http";
import { SMALL_LIMIT, type SecurityApp } from "@/test/security/security-app";

// Issue 8, item 9: JSON nested deeper than 32 levels (or with more than 100,000 values) is refused (1001)
// before it is parsed, and the rate limit charges bodies by size, one point per 256 KB started.

const KB = 1024;

/** A JSON object whose deepest value sits `depth` levels down (the object itself is level 1). */
const nested = (depth: number) => `{"a":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;

/** A valid update of process 1 padded with whitespace to exactly `bytes` bytes. */
function updateOf(bytes: number, name: string): string {
  const json = JSON.stringify({ name, comment: "" });
  return json + " ".repeat(bytes - json.length);
}

export function bodyCases(app: SecurityApp): void {
  it("33 levels of nesting are refused before parsing; 32 are parsed (and then refused by the schema); nothing changes", async () => {
    const advanced = await app.token("Advanced user");
    const put = (target: string, body: string) =>
      rawHttp(app.main.port, {
        method: "PUT",
        target,
        headers: { Authorization: `Bearer ${advanced}`, "Content-Type": "application/json" },
        body,
      });
    const before = await app.list();
    for (const target of ["/api/v1/processes/1", "/api/v1/processes"]) {
      const deep = await put(target, nested(33));
      expect(deep.status).toBe(400);
      expect(deep.json).toMatchObject({ code: 1001, detail: "JSON nesting deeper than 32 levels" });
      const parsed = await put(target, nested(32));
      expect(parsed.status).toBe(400);
      expect(parsed.json.code).toBe(1001);
      expect(parsed.json.errors).toContainEqual({ pointer: "/a", detail: "unknown member" });
    }
    // The probe's shape: megabytes of brackets, refused just as fast.
    const huge = await put("/api/v1/processes", `{"processes":${"[".repeat(4 * KB * KB)}`);
    expect(huge.json).toMatchObject({ code: 1001, detail: "JSON nesting deeper than 32 levels" });
    expect(await app.list()).toEqual(before);
  });

  it("more than 100,000 values are refused before parsing; 100,000 are parsed (and then refused); nothing changes", async () => {
    const advanced = await app.token("Advanced user");
    const put = (count: number) =>
      rawHttp(app.main.port, {
        method: "PUT",
        target: "/api/v1/processes",
        headers: { Authorization: `Bearer ${advanced}`, "Content-Type": "application/json" },
        body: `{"processes":[${Array<number>(count).fill(1).join(",")}]}`,
      });
    const before = await app.list();
    const many = await put(100_001);
    expect(many.status).toBe(400);
    expect(many.json).toMatchObject({ code: 1001 });
    expect(many.json.detail).toMatch(/^JSON with more than 100000 values/);
    const parsed = await put(100_000);
    expect(parsed.status).toBe(400);
    expect(parsed.json.errors).toEqual([{ pointer: "/processes", detail: "must hold at most 10000 processes" }]);
    expect(await app.list()).toEqual(before);
  });

  it("a body costs one point per 256 KB started, with or without Content-Length", async () => {
    const advanced = await app.token("Advanced user");
    const put = async (bytes: number, chunked = false) => {
      const res = await rawHttp(app.limited.port, {
        method: "PUT",
        target: "/api/v1/processes/1",
        headers: { Authorization: `Bearer ${advanced}`, "Content-Type": "application/json" },
        body: updateOf(bytes, `charged ${bytes}`),
        chunked,
      });
      return { status: res.status, remaining: Number(/r=(\d+)/.exec(res.headers.get("ratelimit") ?? "")?.[1]) };
    };
    expect(await put(256 * KB)).toEqual({ status: 200, remaining: SMALL_LIMIT - 1 });
    expect(await put(256 * KB + 1)).toEqual({ status: 200, remaining: SMALL_LIMIT - 3 });
    expect(await put(600 * KB)).toEqual({ status: 200, remaining: SMALL_LIMIT - 6 });
    // Sent without Content-Length, the body is weighed as it is read.
    expect(await put(600 * KB, true)).toEqual({ status: 200, remaining: SMALL_LIMIT - 9 });
    const before = await app.list();
    expect((await put(300 * KB)).status).toBe(429);
    expect(await app.list()).toEqual(before);
  });
}

// Issue 25: the API's hot routes (GET list, PUT bulk, PUT one) are answered by the server itself once their module
// has loaded, through the same withApi wrapper, without Next's routing frame (docs/decisions/046). A route's first
// answer comes through Next; the ones after it directly. Next marks its answers with a Vary naming its router
// headers (rsc, …), which the direct path does not add: that tells the two apart from outside.
// SQLite only: the direct path runs the same handlers on either database; the suites of each route (processes,
// versions, no-op writes, change control…) run both databases through it.
import { request as httpRequest } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, http, type ApiClient, type HttpResult } from "@/test/support/http";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

const throughNext = (res: HttpResult) => /\brsc\b/.test(res.headers.get("vary") ?? "");

/** What must not differ between the two paths: status, body, and the headers a client acts on. */
const essentials = (res: HttpResult) => ({
  status: res.status,
  // A problem's requestId is each request's own.
  body:
    res.body && typeof res.body === "object" && "requestId" in res.body ? { ...res.body, requestId: "…" } : res.body,
  headers: Object.fromEntries(
    ["etag", "cache-control", "content-type", "ratelimit-policy", "x-changed-count", "www-authenticate"].map((name) => [
      name,
      res.headers.get(name),
    ]),
  ),
});

/** One request with node:http, so that the answer's bytes and Content-Encoding are seen as sent. */
function raw(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  method = "GET",
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(baseUrl + path, { headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the hot routes, answered without Next's frame", () => {
  let database: TestDatabase;
  let server: TestServer;
  /** The same database served with API_DIRECT_ROUTES=false: every answer through Next, the reference. */
  let viaNext: TestServer;
  let api: ApiClient;
  let auth: string;
  let processes: { id: number; name: string; comment: string; version: number }[];

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await seedProcesses(database.url, 50);
    const token = await createTestToken(database.url, "Advanced user", { name: "direct routes" });
    const env = { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" };
    [server, viaNext] = await Promise.all([
      startServer({ env }),
      startServer({ env: { ...env, API_DIRECT_ROUTES: "false" } }),
    ]);
    auth = `Bearer ${token}`;
    api = apiClient(server.baseUrl, { Authorization: auth });
    processes = (await api("GET", "/api/v1/processes")).body.processes;
    // Loads each hot route's module (Next may also have loaded them at its start), so that they answer directly.
    const { id, name, comment } = processes[0]!;
    await api("PUT", `/api/v1/processes/${id}`, { json: { name, comment } });
    await api("PUT", "/api/v1/processes", { json: { processes: [{ id, name, comment }] } });
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), viaNext?.stop()]);
    await database?.drop();
  });

  const CREDENTIALS = { ok: () => auth, none: () => null, malformed: () => "Bearer nope" };
  type Case = [string, string, keyof typeof CREDENTIALS, Record<string, string>, unknown];
  const stored = (index: number) => {
    const { id, name, comment } = processes[index]!;
    return { id, name, comment };
  };
  const cases = (): Case[] => [
    ["GET", "/api/v1/processes", "ok", {}, undefined],
    ["GET", "/api/v1/processes?include=lastChange", "ok", {}, undefined],
    ["GET", "/api/v1/processes?include=nothing", "ok", {}, undefined],
    ["GET", "/api/v1/processes", "none", {}, undefined],
    // Writes of the stored values change nothing: both servers must answer them alike.
    ["PUT", `/api/v1/processes/${stored(2).id}`, "ok", {}, { name: stored(2).name, comment: stored(2).comment }],
    ["PUT", "/api/v1/processes", "ok", {}, { processes: [stored(3), stored(4)] }],
    ["PUT", "/api/v1/processes/1", "none", {}, { name: "x", comment: "" }],
    ["PUT", "/api/v1/processes/1", "malformed", {}, { name: "x", comment: "" }],
    ["PUT", "/api/v1/processes/999999", "ok", {}, { name: "x", comment: "" }],
    ["PUT", "/api/v1/processes/abc", "ok", {}, { name: "x", comment: "" }],
    ["PUT", `/api/v1/processes/${stored(5).id}`, "ok", {}, { comment: "" }],
    ["PUT", `/api/v1/processes/${stored(5).id}`, "ok", { "If-Match": '"999"' }, { name: "x", comment: "" }],
    ["PUT", "/api/v1/processes", "ok", {}, { processes: [{ ...stored(6), version: 999 }] }],
    ["PUT", "/api/v1/processes", "ok", { "Content-Type": "text/plain" }, { processes: [] }],
  ];

  it("answers every case as Next does, and changes nothing Next would not", async () => {
    const before = (await api("GET", "/api/v1/processes")).text;
    for (const [method, path, credentials, headers, json] of cases()) {
      const authorization = CREDENTIALS[credentials]();
      const options = { json, headers: { ...headers, ...(authorization ? { Authorization: authorization } : {}) } };
      const reference = await http(viaNext.baseUrl, method, path, options);
      const direct = await http(server.baseUrl, method, path, options);
      const label = `${method} ${path} (${credentials} ${JSON.stringify(headers)})`;
      expect([label, throughNext(reference), throughNext(direct)]).toEqual([label, true, false]);
      expect({ label, ...essentials(direct) }).toEqual({ label, ...essentials(reference) });
    }
    expect((await api("GET", "/api/v1/processes")).text).toBe(before);
  });

  it("a fixed segment is not a process id: PUT /processes/events is Next's answer on both servers", async () => {
    const put = (s: TestServer) => raw(s.baseUrl, "/api/v1/processes/events", { Authorization: auth }, "PUT");
    const [reference, direct] = [await put(viaNext), await put(server)];
    expect(reference.status).toBe(405);
    expect([direct.status, direct.body.toString("utf8")]).toEqual([reference.status, reference.body.toString("utf8")]);
  });

  it("directly: 304 without a body, the list gzipped only for a client that accepts it", async () => {
    const list = await api("GET", "/api/v1/processes");
    const etag = list.headers.get("etag")!;
    const notModified = await raw(server.baseUrl, "/api/v1/processes", { Authorization: auth, "If-None-Match": etag });
    expect([notModified.status, notModified.body.length, notModified.headers.etag]).toEqual([304, 0, etag]);
    expect(notModified.headers.vary).toBeUndefined();

    const zipped = await raw(server.baseUrl, "/api/v1/processes", { Authorization: auth, "Accept-Encoding": "gzip" });
    expect([zipped.status, zipped.headers["content-encoding"], zipped.headers.vary]).toEqual([
      200,
      "gzip",
      "Accept-Encoding",
    ]);
    expect(gunzipSync(zipped.body).toString("utf8")).toBe(list.text);
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);

    const plain = await raw(server.baseUrl, "/api/v1/processes", {
      Authorization: auth,
      "Accept-Encoding": "gzip;q=0",
    });
    expect([plain.status, plain.headers["content-encoding"], plain.body.toString("utf8")]).toEqual([
      200,
      undefined,
      list.text,
    ]);
  });

  it("directly: a change is written, answered with its new version, and read back by both servers", async () => {
    const { id } = stored(7);
    const res = await api("PUT", `/api/v1/processes/${id}`, { json: { name: "Changed directly", comment: "ü ✓" } });
    expect(throughNext(res)).toBe(false);
    expect([res.status, res.body.name, res.body.comment, res.body.version]).toEqual([
      200,
      "Changed directly",
      "ü ✓",
      processes[7]!.version + 1,
    ]);
    expect(res.headers.get("etag")).toBe(`"${res.body.version}"`);
    for (const base of [server.baseUrl, viaNext.baseUrl])
      expect((await http(base, "GET", `/api/v1/processes/${id}`, { headers: { Authorization: auth } })).body).toEqual(
        res.body,
      );
  });
});

describe("the direct path counts against the same rate limit as Next's routes", () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await seedProcesses(database.url, 3);
    server = await startServer({
      env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", RATE_LIMIT_API_POINTS: "6" },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("a caller's requests through both paths share one budget", async () => {
    const token = await createTestToken(database.url, "User", { name: "limited" });
    const api = apiClient(server.baseUrl, { Authorization: `Bearer ${token}` });
    // Another caller loads the list's module first (its own budget), so that the list answers directly.
    const other = await createTestToken(database.url, "User", { name: "other" });
    await http(server.baseUrl, "GET", "/api/v1/processes", { headers: { Authorization: `Bearer ${other}` } });
    const answers: [number, boolean, string | null][] = [];
    // Alternating: the list (direct after its first answer) and one process (always through Next).
    for (let i = 0; i < 4; i++) {
      for (const path of ["/api/v1/processes", "/api/v1/processes/1"]) {
        const res = await api("GET", path);
        answers.push([res.status, throughNext(res), res.headers.get("ratelimit")]);
      }
    }
    expect(answers.map(([status]) => status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(answers.map(([, next]) => next)).toEqual([false, true, false, true, false, true, false, true]);
    expect(answers.slice(0, 6).map(([, , limit]) => limit?.match(/r=(\d+)/)?.[1])).toEqual([
      "5",
      "4",
      "3",
      "2",
      "1",
      "0",
    ]);
  });
});

// Issue 21: every example the document shows for an answer has the shape of the server's real answer for the
// same case: the same members, type, title, status and code, the same pointers, `current` an object or an
// array as the server sends it. Each case is provoked against the production build, on both databases
// (1006 on PostgreSQL only: a SQLite file cannot become unreachable under a running server).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient, http } from "@/test/support/http";
import { startTcpProxy } from "@/test/support/tcp-proxy";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Example = Record<string, unknown> & { errors?: { pointer: string }[]; current?: unknown };

const keysOf = (value: unknown) => Object.keys(value as object).sort();

function expectSameShape(example: Example, real: Example): void {
  expect(keysOf(real)).toEqual(keysOf(example));
  for (const member of ["type", "title", "status", "code"]) expect(real[member]).toEqual(example[member]);
  expect(real.errors?.map((e) => e.pointer)).toEqual(example.errors?.map((e) => e.pointer));
  if (example.current !== undefined) {
    expect(Array.isArray(real.current)).toBe(Array.isArray(example.current));
    const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
    expect(keysOf(one(real.current))).toEqual(keysOf(one(example.current)));
  }
}

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: the document's examples are the server's answers`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let writer: ApiClient;
    let admin: ApiClient;
    let document: any;
    let reader: ApiClient;
    let userToken: string;
    let expired: { token: string; at: number };
    // A second server with a tiny rate limit (6001) whose PostgreSQL connection goes through a proxy the test
    // can cut (1006); its callers are limited one by one, so one caller's 6001 leaves the other's 1006 visible.
    let limited: TestServer;
    let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;

    const example = (method: string, path: string, status: number, code: number | string): Example => {
      const answer = document.paths[path][method].responses[String(status)];
      const media = answer.content["application/problem+json"] ?? answer.content["application/json"];
      return (media.examples?.[String(code)]?.value ?? media.example) as Example;
    };

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 5);
      const token = await createTestToken(database.url, "Advanced user", { name: "examples" });
      const superToken = await createTestToken(database.url, "Super user", { name: "examples admin" });
      server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" } });
      writer = apiClient(server.baseUrl, { Authorization: `Bearer ${token}` });
      admin = apiClient(server.baseUrl, { Authorization: `Bearer ${superToken}` });
      document = (await http(server.baseUrl, "GET", "/api/v1/openapi.json")).body;
      userToken = await createTestToken(database.url, "User", { name: "examples reader" });
      reader = apiClient(server.baseUrl, { Authorization: `Bearer ${userToken}` });
      const short = await createTestToken(database.url, "User", { name: "examples expiring", expiresIn: 1 });
      expired = { token: short, at: Date.now() + 1_000 };
      let limitedUrl = database.url;
      if (provider === "postgresql") {
        const direct = new URL(database.url);
        proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
        const viaProxy = new URL(database.url);
        viaProxy.port = String(proxy.port);
        limitedUrl = viaProxy.toString();
      }
      limited = await startServer({
        env: {
          DATABASE_URL: limitedUrl,
          SEED_DEMO_DATA: "false",
          RATE_LIMIT_STORE: "memory",
          RATE_LIMIT_API_POINTS: "2",
          RATE_LIMIT_API_WINDOW_SECONDS: "60",
        },
      });
    }, 120_000);

    afterAll(async () => {
      await limited?.stop();
      await proxy?.stop();
      await server?.stop();
      await database?.drop();
    });

    it("1001 at /name (PUT /processes/{id}), /processes/3/name (PUT /processes), /name (POST /tokens)", async () => {
      const one = await writer("PUT", "/api/v1/processes/1", { json: { name: "", comment: "" } });
      expectSameShape(example("put", "/api/v1/processes/{id}", 400, 1001), one.body);
      const items = [1, 2, 3, 4].map((id) => ({ id, name: id === 4 ? "" : `P${id}`, comment: "" }));
      const bulk = await writer("PUT", "/api/v1/processes", { json: { processes: items } });
      expectSameShape(example("put", "/api/v1/processes", 400, 1001), bulk.body);
      const token = await admin("POST", "/api/v1/tokens", { json: { name: "", role: "User" } });
      expectSameShape(example("post", "/api/v1/tokens", 400, 1001), token.body);
    });

    it("1001 at 415 and at /path/id; 1005; 2004", async () => {
      const media = await writer("PUT", "/api/v1/processes/1", { body: "{}", headers: {} });
      expectSameShape(example("put", "/api/v1/processes/{id}", 415, 1001), media.body);
      const badId = await writer("GET", "/api/v1/processes/x");
      expectSameShape(example("get", "/api/v1/processes/{id}", 400, 1001), badId.body);
      const missing = await writer("GET", "/api/v1/processes/999");
      expectSameShape(example("get", "/api/v1/processes/{id}", 404, 1005), missing.body);
      const anonymous = await http(server.baseUrl, "GET", "/api/v1/processes");
      expectSameShape(example("get", "/api/v1/processes", 401, 2004), anonymous.body);
    });

    it("1007: an object with `errors` (409) or without (412) on one process, an array with `errors` in bulk", async () => {
      const stale = await writer("PUT", "/api/v1/processes/2", { json: { name: "X", comment: "", version: 99 } });
      expectSameShape(example("put", "/api/v1/processes/{id}", 409, 1007), stale.body);
      const ifMatch = await writer("PUT", "/api/v1/processes/2", {
        headers: { "If-Match": '"99"' },
        json: { name: "X", comment: "" },
      });
      expectSameShape(example("put", "/api/v1/processes/{id}", 412, 1007), ifMatch.body);
      const bulk = await writer("PUT", "/api/v1/processes", {
        json: {
          processes: [
            { id: 2, name: "X", comment: "", version: 99 },
            { id: 3, name: "Y", comment: "" },
          ],
        },
      });
      expectSameShape(example("put", "/api/v1/processes", 409, 1007), bulk.body);
    });

    it("2002 (an expired token), 3001 (a User writing), 6001 (over the rate limit)", async () => {
      await sleep(Math.max(0, expired.at + 100 - Date.now()));
      const old = await http(server.baseUrl, "GET", "/api/v1/processes", {
        headers: { Authorization: `Bearer ${expired.token}` },
      });
      expect(old.status).toBe(401);
      expectSameShape(example("get", "/api/v1/processes", 401, 2002), old.body);
      const denied = await reader("PUT", "/api/v1/processes/1", { json: { name: "Not mine", comment: "" } });
      expect(denied.status).toBe(403);
      expectSameShape(example("put", "/api/v1/processes/{id}", 403, 3001), denied.body);
      // Anonymous callers are limited by address: the third one from here is over the limit of 2.
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await http(limited.baseUrl, "GET", "/api/v1/processes"));
      expect(answers.map((a) => a.status)).toEqual([401, 401, 429]);
      expectSameShape(example("get", "/api/v1/processes", 429, 6001), answers[2]!.body);
    });

    // PostgreSQL only: a SQLite file cannot become unreachable under a running server.
    if (provider === "postgresql") {
      it("1006: the database unreachable", async () => {
        // A token caller has a limit of its own: two requests, the first while the database answers.
        const caller = apiClient(limited.baseUrl, { Authorization: `Bearer ${userToken}` });
        expect((await caller("GET", "/api/v1/processes")).status).toBe(200);
        await proxy!.cut();
        const down = await caller("GET", "/api/v1/processes");
        await proxy!.restore();
        expect(down.status).toBe(503);
        expectSameShape(example("get", "/api/v1/processes", 503, 1006), down.body);
      });
    }

    it("the success examples have the members of the real answers", async () => {
      const one = await writer("GET", "/api/v1/processes/1");
      expect(keysOf(one.body)).toEqual(keysOf(example("get", "/api/v1/processes/{id}", 200, "")));
      const list = await writer("GET", "/api/v1/processes");
      const listed = example("get", "/api/v1/processes", 200, "") as { processes: unknown[] };
      expect(keysOf(list.body.processes[0])).toEqual(keysOf(listed.processes[0]));
      // A lastChange item read back is a valid bulk body item (its read-only members ignored).
      const withLast = await writer("GET", "/api/v1/processes?include=lastChange");
      const back = await writer("PUT", "/api/v1/processes", { json: { processes: withLast.body.processes } });
      expect(back.status).toBe(200);
      expect(back.headers.get("x-changed-count")).toBe("0");
    });
  });
}

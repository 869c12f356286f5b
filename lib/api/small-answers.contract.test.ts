// Issue 21, small answers: duplicate JSON members are 1001 at their pointer, a trailing slash is 404 in the
// problem envelope, a compressed body is 415 (1001), and nothing is written by any of them.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: small answers`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let api: ApiClient;
    let before: unknown;

    const list = async () => (await api("GET", "/api/v1/processes")).body.processes;

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 5);
      const token = await createTestToken(database.url, "Advanced user", { name: "small answers" });
      server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" } });
      api = apiClient(server.baseUrl, { Authorization: `Bearer ${token}` });
      before = await list();
    });

    afterAll(async () => {
      expect(await list()).toEqual(before);
      await server?.stop();
      await database?.drop();
    });

    it.each([
      ["/api/v1/processes/1", '{"name":"A","comment":"","name":"B"}', "/name"],
      [
        "/api/v1/processes",
        '{"processes":[{"id":1,"name":"A","comment":""},{"id":2,"comment":"","id":3,"name":"B"}]}',
        "/processes/1/id",
      ],
      ["/api/v1/processes", '{"processes":[],"processes":[{"id":1,"name":"A","comment":""}]}', "/processes"],
      ["/api/v1/processes/1", '{"na\\u006de":"A","comment":"","name":"B"}', "/name"],
    ])("PUT %s with a member given twice is 1001 at its pointer", async (path, body, pointer) => {
      const res = await api("PUT", path, { body, headers: { "Content-Type": "application/json" } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 1001,
        errors: [{ pointer, detail: "appears more than once in its object" }],
      });
    });

    it.each([
      ["GET", "/api/v1/processes/"],
      ["PUT", "/api/v1/processes/1/"],
      ["GET", "/api/health/"],
      ["GET", "/api/v1/openapi.json/"],
    ])("%s %s (trailing slash) answers 404 in the problem envelope, not a redirect", async (method, path) => {
      const res = await api(method, path, method === "PUT" ? { json: { name: "Never", comment: "" } } : {});
      expect(res.status).toBe(404);
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, type: "about:blank" });
    });

    it.each([["gzip"], ["br"], ["deflate, gzip"], ["x-unknown"]])(
      "a body with Content-Encoding %s is 415 (1001), never read as text",
      async (encoding) => {
        const res = await api("PUT", "/api/v1/processes/1", {
          body: gzipSync(JSON.stringify({ name: "Compressed", comment: "" })),
          headers: { "Content-Type": "application/json", "Content-Encoding": encoding },
        });
        expect(res.status).toBe(415);
        expect(res.body).toMatchObject({ code: 1001, status: 415 });
        expect(res.body.detail).toMatch(/Content-Encoding .* is not accepted/);
      },
    );

    it("Content-Encoding: identity is the body as it is", async () => {
      const [first] = await list();
      const res = await api("PUT", "/api/v1/processes/1", {
        body: JSON.stringify({ name: first.name, comment: first.comment }),
        headers: { "Content-Type": "application/json", "Content-Encoding": "identity" },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(first);
    });
  });
}

// Versions and preconditions (issue 9): ETag/If-Match, body `version`, the read shape written back, the list's
// ETag, and the read-modify-write race that used to lose updates. Every refusal leaves the data unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient, type HttpResult } from "@/test/support/http";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { take } from "@/test/support/take";
import { startServer, type TestServer } from "@/test/support/test-server";

type Row = { id: number; name: string; comment: string; version: number; createdAt: string; updatedAt: string };

function expectChanged(res: HttpResult, status: 409 | 412) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ code: 1007, status, title: "Resource has been changed since it was read" });
}

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: versions and preconditions`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let api: ApiClient;
    let rows: Row[];

    const list = async (): Promise<Row[]> => (await api("GET", "/api/v1/processes")).body.processes;
    const one = async (id: number): Promise<Row> => (await api("GET", `/api/v1/processes/${id}`)).body;

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 10_000);
      const token = await createTestToken(database.url, "Advanced user", { name: "versions test" });
      // The race below makes about 1,000 requests in a few seconds.
      server = await startServer({
        env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", RATE_LIMIT_API_POINTS: "100000" },
      });
      api = apiClient(server.baseUrl, { Authorization: `Bearer ${token}` });
      rows = await list();
    });

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("GET /processes/{id} answers the process with its version as a quoted ETag; 1005 when missing", async () => {
      const [first] = take(rows, 1);
      const res = await api("GET", `/api/v1/processes/${first.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("etag")).toBe(`"${first.version}"`);
      expect(res.body).toEqual(first);
      expect((await api("GET", "/api/v1/processes/2147483000")).body).toMatchObject({ code: 1005 });
    });

    it.each([
      ["a stale If-Match", { "If-Match": '"999"' }, {}, 412],
      ["a weak If-Match (never matches for writes)", { "If-Match": 'W/"1"' }, {}, 412],
      ["a stale body version", {}, { version: 999 }, 409],
      ["If-Match and body version that disagree", { "If-Match": '"1"' }, { version: 999 }, 409],
    ] as const)(
      "%s is refused with 1007, the current process, and nothing written",
      async (_, headers, extra, status) => {
        const target = rows[10]!;
        const res = await api("PUT", `/api/v1/processes/${target.id}`, {
          headers,
          json: { name: "Never saved", comment: "", ...extra },
        });
        expectChanged(res, status);
        expect(res.body.current).toEqual(await one(target.id));
        expect(await one(target.id)).toEqual(target);
      },
    );

    it.each([['"abc"'], ['W/""'], ['"3", "x-y.z"'], ['"99999999999"'], ['"a,b"']])(
      "a well-formed If-Match %s that names no current version is 412 1007 (RFC 9110), nothing written",
      async (value) => {
        const target = rows[13]!;
        const res = await api("PUT", `/api/v1/processes/${target.id}`, {
          headers: { "If-Match": value },
          json: { name: "Never saved", comment: "" },
        });
        expectChanged(res, 412);
        expect(res.body.current).toEqual(target);
        expect(await one(target.id)).toEqual(target);
      },
    );

    it("GET /processes/{id} with If-None-Match naming its ETag is 304 without a body; after a change 200", async () => {
      const target = rows[16]!;
      const etag = `"${target.version}"`;
      for (const value of [etag, `W/${etag}`, `"x", ${etag}`, "*"]) {
        const res = await api("GET", `/api/v1/processes/${target.id}`, { headers: { "If-None-Match": value } });
        expect(res.status).toBe(304);
        expect(res.text).toBe("");
        expect(res.headers.get("etag")).toBe(etag);
      }
      const other = await api("GET", `/api/v1/processes/${target.id}`, { headers: { "If-None-Match": '"0"' } });
      expect(other.status).toBe(200);
      expect(other.body).toEqual(target);
      await api("PUT", `/api/v1/processes/${target.id}`, { json: { name: "Moved on", comment: "" } });
      const moved = await api("GET", `/api/v1/processes/${target.id}`, { headers: { "If-None-Match": etag } });
      expect(moved.status).toBe(200);
      expect(moved.headers.get("etag")).toBe(`"${target.version + 1}"`);
    });

    it.each([["1"], ['"1", garbage'], ['"1" "2"'], ['*, "1"']])("a malformed If-Match %s is 1001", async (value) => {
      const target = rows[11]!;
      const res = await api("PUT", `/api/v1/processes/${target.id}`, {
        headers: { "If-Match": value },
        json: { name: "Never saved", comment: "" },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 1001 });
      expect(await one(target.id)).toEqual(target);
    });

    it("If-Match: * writes any current version; a matching tag writes and answers the new ETag", async () => {
      const target = rows[12]!;
      const star = await api("PUT", `/api/v1/processes/${target.id}`, {
        headers: { "If-Match": "*" },
        json: { name: "Star", comment: "" },
      });
      expect(star.status).toBe(200);
      expect(star.headers.get("etag")).toBe(`"${target.version + 1}"`);
      const exact = await api("PUT", `/api/v1/processes/${target.id}`, {
        headers: { "If-Match": `"${target.version + 1}"` },
        json: { name: "Exact", comment: "" },
      });
      expect(exact.body).toMatchObject({ name: "Exact", version: target.version + 2 });
    });

    it("the read shape is a valid PUT body: version is the precondition, timestamps are ignored", async () => {
      const target = await one(rows[13]!.id);
      const res = await api("PUT", `/api/v1/processes/${target.id}`, {
        json: { ...target, name: "Written back", createdAt: "1999-01-01T00:00:00.000Z" },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: "Written back",
        version: target.version + 1,
        createdAt: target.createdAt,
      });
      const again = await api("PUT", `/api/v1/processes/${target.id}`, { json: { ...target, name: "Stale" } });
      expectChanged(again, 409);
      expect(again.body.errors).toEqual([{ pointer: "/version", detail: expect.any(String) }]);
      const unknown = await api("PUT", `/api/v1/processes/${target.id}`, {
        json: { ...res.body, owner: "someone" },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ pointer: "/owner", detail: "unknown member" }]);
    });

    it("a client that sends no version keeps last-write-wins", async () => {
      const target = rows[14]!;
      for (const name of ["First", "Second"]) {
        expect((await api("PUT", `/api/v1/processes/${target.id}`, { json: { name, comment: "" } })).status).toBe(200);
      }
      expect(await one(target.id)).toMatchObject({ name: "Second", version: target.version + 2 });
    });

    it("a bulk of 10,000 with one stale item is refused whole: 409, one pointer, the current process", async () => {
      const before = await list();
      const items = before.map((p) => ({ ...p, name: `${p.name} bulk` }));
      items[3] = { ...items[3]!, version: items[3]!.version + 5 };
      const res = await api("PUT", "/api/v1/processes", { json: { processes: items } });
      expectChanged(res, 409);
      expect(res.body.errors).toEqual([{ pointer: "/processes/3/version", detail: expect.any(String) }]);
      expect(res.body.current).toEqual([before[3]]);
      expect(await list()).toEqual(before);
      const changed = before.slice(0, 3).map((p) => ({ ...p, comment: `${p.comment} fresh` }));
      const fresh = await api("PUT", "/api/v1/processes", { json: { processes: changed } });
      expect(fresh.body.processes.map((p: Row) => p.version)).toEqual(before.slice(0, 3).map((p) => p.version + 1));
    });

    it("the list answers an ETag; If-None-Match with it is 304 without a body until something changes", async () => {
      const first = await api("GET", "/api/v1/processes");
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await api("GET", "/api/v1/processes", { headers: { "If-None-Match": etag } });
      expect(again.status).toBe(304);
      expect(again.text).toBe("");
      const target = rows[15]!;
      await api("PUT", `/api/v1/processes/${target.id}`, { json: { name: "Moves the list", comment: "" } });
      const changed = await api("GET", "/api/v1/processes", { headers: { "If-None-Match": etag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
    });

    it("two clients × 200 read-modify-writes with If-Match lose no update; the history is complete and in order", async () => {
      const target = rows[20]!;
      await api("PUT", `/api/v1/processes/${target.id}`, { json: { name: "Counter", comment: "0" } });
      const start = (await one(target.id)).version;
      const client = async () => {
        for (let done = 0; done < 200;) {
          const read = await api("GET", `/api/v1/processes/${target.id}`);
          const next = String(Number(read.body.comment) + 1);
          const res = await api("PUT", `/api/v1/processes/${target.id}`, {
            headers: { "If-Match": read.headers.get("etag")! },
            json: { name: "Counter", comment: next },
          });
          if (res.status === 200) done++;
          else expect(res.status).toBe(412);
        }
      };
      await Promise.all([client(), client()]);
      expect(await one(target.id)).toMatchObject({ comment: "400", version: start + 400 });
      const history = await api("GET", `/api/v1/processes/${target.id}/history?limit=500`);
      const changes = history.body.changes.slice(0, 400);
      expect(changes.map((c: { version: number }) => c.version)).toEqual(
        Array.from({ length: 400 }, (_, i) => start + 400 - i),
      );
      expect(changes.map((c: { comment: string }) => c.comment)).toEqual(
        Array.from({ length: 400 }, (_, i) => String(400 - i)),
      );
    }, 300_000);
  });
}

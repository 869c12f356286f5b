// GET /api/v1/processes?include=lastChange (issue 12, item 8): each item's newest change with the list, in
// one request. Additive: without the parameter the answer, its ETag and its 304 stay exactly as they were.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { runScript } from "@/test/support/run-script";
import { apiClient, type ApiClient } from "@/test/support/http";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { take } from "@/test/support/take";
import { startServer, type TestServer } from "@/test/support/test-server";

type Row = { id: number; name: string; comment: string; version: number; createdAt: string; updatedAt: string };
type ChangedBy = { type: string; id: number | null; name: string | null };
type Listed = Row & { lastChange: { changedAt: string; changedBy: ChangedBy } | null };

const WITH = "/api/v1/processes?include=lastChange";

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: the list with each process's last change`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let api: ApiClient;

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 30);
      const token = await createTestToken(database.url, "Advanced user", { name: "last change test" });
      server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" } });
      api = apiClient(server.baseUrl, { Authorization: `Bearer ${token}` });
    });

    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("without the parameter the list is the plain one: same text, no lastChange, same ETag and 304", async () => {
      const plain = await api("GET", "/api/v1/processes");
      expect(plain.status).toBe(200);
      const rows = plain.body.processes as Row[];
      expect(rows).toHaveLength(30);
      expect(plain.text).toBe(JSON.stringify({ processes: rows }));
      expect(rows.every((r) => Object.keys(r).join() === "id,name,comment,version,createdAt,updatedAt")).toBe(true);
      const other = await api("GET", "/api/v1/processes?unrelated=1");
      expect(other.text).toBe(plain.text);
      expect(other.headers.get("etag")).toBe(plain.headers.get("etag"));
      const again = await api("GET", "/api/v1/processes", {
        headers: { "If-None-Match": plain.headers.get("etag")! },
      });
      expect(again.status).toBe(304);
    });

    it("with include=lastChange each item is the plain item plus its newest change (the seed: system)", async () => {
      const plain = (await api("GET", "/api/v1/processes")).body.processes as Row[];
      const res = await api("GET", WITH);
      expect(res.status).toBe(200);
      const listed = res.body.processes as Listed[];
      expect(listed.map(({ lastChange: _, ...row }) => row)).toEqual(plain);
      for (const item of listed) {
        expect(item.lastChange?.changedBy.type).toBe("system");
        expect(Number.isNaN(Date.parse(item.lastChange!.changedAt))).toBe(false);
      }
    });

    it("after a write the item names the writer, and only that item's change is newer", async () => {
      const before = (await api("GET", WITH)).body.processes as Listed[];
      const [, second] = take(before, 2);
      const put = await api("PUT", `/api/v1/processes/${second.id}`, { json: { name: "Changed", comment: "x" } });
      expect(put.status).toBe(200);
      const after = (await api("GET", WITH)).body.processes as Listed[];
      const changed = after.find((p) => p.id === second.id)!;
      expect(changed.lastChange?.changedBy).toEqual({
        type: "token",
        id: expect.any(Number),
        name: "last change test",
      });
      expect(Date.parse(changed.lastChange!.changedAt)).toBeGreaterThanOrEqual(
        Date.parse(second.lastChange!.changedAt),
      );
      const untouched = after.filter((p) => p.id !== second.id);
      expect(untouched.map((p) => p.lastChange)).toEqual(
        before.filter((p) => p.id !== second.id).map((p) => p.lastChange),
      );
    });

    it("has its own ETag: 304 while nothing changed, 200 after a write", async () => {
      const first = await api("GET", WITH);
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(etag).not.toBe((await api("GET", "/api/v1/processes")).headers.get("etag"));
      expect((await api("GET", WITH, { headers: { "If-None-Match": etag } })).status).toBe(304);
      const [one] = take(first.body.processes as Listed[], 1);
      await api("PUT", `/api/v1/processes/${one.id}`, { json: { name: "Again", comment: "" } });
      const next = await api("GET", WITH, { headers: { "If-None-Match": etag } });
      expect(next.status).toBe(200);
      expect(next.headers.get("etag")).not.toBe(etag);
    });

    it("a change by another process (the CLI) is in the next answer, though the last one was cached", async () => {
      const first = await api("GET", WITH);
      expect((await api("GET", WITH)).text).toBe(first.text);
      const [, , third] = take(first.body.processes as Listed[], 3);
      const cli = await runScript("scripts/cli.ts", ["processes:update", String(third.id), "--name", "By the CLI"], {
        DATABASE_URL: database.url,
      });
      expect(cli.code).toBe(0);
      const after = (await api("GET", WITH)).body.processes as Listed[];
      const changed = after.find((p) => p.id === third.id)!;
      expect(changed.name).toBe("By the CLI");
      expect(changed.lastChange?.changedBy.type).toBe("system");
      expect(Date.parse(changed.lastChange!.changedAt)).toBeGreaterThanOrEqual(Date.parse(third.lastChange!.changedAt));
      expect(cli.stdout).toContain(`Updated process ${third.id} to version`);
      // The same values again: the CLI says nothing changed, and nothing did (version and last change stay).
      const again = await runScript("scripts/cli.ts", ["processes:update", String(third.id), "--name", "By the CLI"], {
        DATABASE_URL: database.url,
      });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`Process ${third.id} already held these values; nothing changed`);
      const still = ((await api("GET", WITH)).body.processes as Listed[]).find((p) => p.id === third.id)!;
      expect(still).toEqual(changed);
    });

    it.each([["include=history"], ["include="], ["include=LASTCHANGE"]])("?%s is refused with 1001", async (query) => {
      const res = await api("GET", `/api/v1/processes?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 1001, errors: [{ pointer: "/include" }] });
    });
  });
}

// Issue 21, no-op writes: a write whose values equal the stored ones changes nothing (no version, no history
// row, no event, no revision bump), whether it comes through the API (one or a bulk) or from outside SQL;
// its preconditions still have to match (docs/decisions/022-no-op-writes-preconditions-document.md).
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFilePath } from "@/lib/db/url";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { openEvents, type SseEvent, type SseStream } from "@/test/support/sse";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

type Row = { id: number; name: string; comment: string; version: number; createdAt: string; updatedAt: string };

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: writes that change nothing`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let api: ApiClient;
    let auth: string;
    const streams: SseStream[] = [];

    const list = async (): Promise<Row[]> => (await api("GET", "/api/v1/processes")).body.processes;
    const one = async (id: number): Promise<Row> => (await api("GET", `/api/v1/processes/${id}`)).body;

    /** One statement on a connection of its own; returns its rows. */
    const sql = async (text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> => {
      if (provider === "sqlite") {
        const shell = new Database(sqliteFilePath(database.url));
        try {
          const statement = shell.prepare(text.replace(/\$\d+/g, "?"));
          if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
          statement.run(...params);
          return [];
        } finally {
          shell.close();
        }
      }
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(text, params)).rows;
      } finally {
        await client.end();
      }
    };
    const historyRows = async () => Number((await sql("SELECT count(*) AS n FROM process_changes"))[0]!.n);
    const versionSum = async () => Number((await sql("SELECT sum(version) AS n FROM processes"))[0]!.n);
    /** PostgreSQL's revision row (SQLite's freshness is PRAGMA data_version, read per connection). */
    const revision = async () =>
      provider === "sqlite" ? null : Number((await sql("SELECT value FROM process_revisions WHERE id = 1"))[0]!.value);
    const subscribe = async () => {
      const stream = await openEvents(`${server.baseUrl}/api/v1/processes/events`, { Authorization: auth });
      streams.push(stream);
      expect(stream.status).toBe(200);
      return stream;
    };
    /** The process events received before a marker change made after the writes under test. */
    const eventsBefore = async (stream: SseStream, markerId: number): Promise<SseEvent[]> => {
      const marker = `marker ${markerId} ${Date.now()}`;
      const res = await api("PUT", `/api/v1/processes/${markerId}`, { json: { name: marker, comment: "" } });
      expect(res.status).toBe(200);
      const seen: SseEvent[] = [];
      for (;;) {
        const event = await stream.next((e) => e.event === "process", 15_000);
        if (event.data.name === marker) return seen;
        seen.push(event);
      }
    };

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 1_000);
      const token = await createTestToken(database.url, "Advanced user", { name: "no-op writes" });
      server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" } });
      auth = `Bearer ${token}`;
      api = apiClient(server.baseUrl, { Authorization: auth });
    });

    afterAll(async () => {
      for (const s of streams) s.close();
      await server?.stop();
      await database?.drop();
    });

    it("PUT /processes/{id} with the stored values answers 200 with the process as it is: same version and ETag, no history, no event", async () => {
      const target = await one(5);
      const stream = await subscribe();
      const [rows, versions, rev] = [await historyRows(), await versionSum(), await revision()];
      const variants: Record<string, string>[] = [{}, { "If-Match": `"${target.version}"` }, { "If-Match": "*" }];
      for (const headers of variants) {
        const res = await api("PUT", "/api/v1/processes/5", {
          headers,
          json: { name: target.name, comment: target.comment },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get("etag")).toBe(`"${target.version}"`);
        expect(res.body).toEqual(target);
      }
      const withVersion = await api("PUT", "/api/v1/processes/5", { json: { ...target } });
      expect(withVersion.body).toEqual(target);
      expect(await one(5)).toEqual(target);
      expect([await historyRows(), await versionSum(), await revision()]).toEqual([rows, versions, rev]);
      expect(await eventsBefore(stream, 6)).toEqual([]);
    });

    it("a stale If-Match or body version on a no-op is still 1007, and writes nothing", async () => {
      const target = await one(7);
      const rows = await historyRows();
      const same = { name: target.name, comment: target.comment };
      const viaHeader = await api("PUT", "/api/v1/processes/7", { headers: { "If-Match": '"999"' }, json: same });
      expect(viaHeader.status).toBe(412);
      expect(viaHeader.body).toMatchObject({ code: 1007, current: target });
      const viaBody = await api("PUT", "/api/v1/processes/7", { json: { ...same, version: 999 } });
      expect(viaBody.status).toBe(409);
      expect(viaBody.body).toMatchObject({ code: 1007, current: target });
      const bulk = await api("PUT", "/api/v1/processes", { json: { processes: [{ id: 7, ...same, version: 999 }] } });
      expect(bulk.status).toBe(409);
      expect(bulk.body).toMatchObject({ code: 1007, current: [target], errors: [{ pointer: "/processes/0/version" }] });
      expect(await one(7)).toEqual(target);
      expect(await historyRows()).toBe(rows);
    });

    it("a bulk PUT of 1,000 of which 10 differ writes exactly 10 versions, 10 history rows and 10 events; again, nothing", async () => {
      const before = await list();
      expect(before).toHaveLength(1_000);
      const differing = new Set(before.filter((_, i) => i % 100 === 3).map((p) => p.id));
      const body = {
        processes: before.map((p) => ({
          id: p.id,
          name: differing.has(p.id) ? `${p.name} (changed)` : p.name,
          comment: p.comment,
          version: p.version,
        })),
      };
      const stream = await subscribe();
      const [rows, versions] = [await historyRows(), await versionSum()];
      const first = await api("PUT", "/api/v1/processes", { json: body });
      expect(first.status).toBe(200);
      expect(first.headers.get("x-changed-count")).toBe("10");
      expect(first.body.processes).toHaveLength(1_000);
      const after = await list();
      expect(first.body.processes).toEqual(after);
      const bumped = after.filter((p, i) => p.version !== before[i]!.version);
      expect(bumped.map((p) => p.id)).toEqual([...differing]);
      for (const p of bumped) expect(p.version).toBe(before.find((b) => b.id === p.id)!.version + 1);
      expect(after.filter((p) => !differing.has(p.id))).toEqual(before.filter((p) => !differing.has(p.id)));
      expect(await historyRows()).toBe(rows + 10);
      expect(await versionSum()).toBe(versions + 10);
      const events = await eventsBefore(stream, 1);
      expect(events.map((e) => e.data.id).sort((a, b) => a - b)).toEqual([...differing]);

      // The same values again, with the versions as they are now (the marker moved process 1 on).
      const current = await list();
      const again = { processes: current.map(({ id, name, comment, version }) => ({ id, name, comment, version })) };
      const markerless = await subscribe();
      const rev = await revision();
      const [rows2, versions2] = [await historyRows(), await versionSum()];
      const second = await api("PUT", "/api/v1/processes", { json: again });
      expect(second.status).toBe(200);
      expect(second.headers.get("x-changed-count")).toBe("0");
      expect(second.body.processes).toEqual(current);
      expect([await historyRows(), await versionSum(), await revision()]).toEqual([rows2, versions2, rev]);
      expect(await eventsBefore(markerless, 2)).toEqual([]);
    });

    it("an outside UPDATE that sets the stored values again makes no history row and keeps the version", async () => {
      const before = await list();
      const rows = await historyRows();
      await sql("UPDATE processes SET name = name, comment = comment");
      expect(await list()).toEqual(before);
      expect(await historyRows()).toBe(rows);
      await sql("UPDATE processes SET comment = $1 WHERE id = $2", ["changed outside", before[0]!.id]);
      expect(await historyRows()).toBe(rows + 1);
      expect(await one(before[0]!.id)).toMatchObject({ comment: "changed outside", version: before[0]!.version + 1 });
    });
  });
}

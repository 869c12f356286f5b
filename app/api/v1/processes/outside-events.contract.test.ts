// Issue 13, inserts and deletes: made outside the app (a plain `pg` client, a better-sqlite3 connection in
// this test process, beside the server), they reach an open event stream with their kind and actor
// `unknown`, and Last-Event-ID replays them in order among the other changes. The app's own creations and
// deletions (the seed script) are written once each, by actor `system` (docs/decisions/016).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { runIf } from "@/test/support/requirements";
import { openEvents, type SseEvent, type SseStream } from "@/test/support/sse";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";
import { type OutsideStatement, runOutside } from "@/test/support/outside-sql";

type Row = { id: number; name: string; comment: string; version: number };
const UNKNOWN = { type: "unknown", id: null, name: null };
const SYSTEM = { type: "system", id: null, name: "system" };

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: outside inserts and deletes as live events`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    let api: ApiClient;
    let auth: string;
    const streams: SseStream[] = [];

    const subscribe = async (headers: Record<string, string> = {}) => {
      const stream = await openEvents(`${server.baseUrl}/api/v1/processes/events`, {
        Authorization: auth,
        ...headers,
      });
      streams.push(stream);
      expect(stream.status).toBe(200);
      return stream;
    };
    const list = async (): Promise<Row[]> => (await api("GET", "/api/v1/processes")).body.processes;

    /** Statements in one transaction on a connection of its own; returns each statement's rows. */
    const outside = (statements: OutsideStatement[]) => runOutside(database.url, statements);
    const INSERT: [string, (name: string) => unknown[]] = [
      provider === "sqlite"
        ? "INSERT INTO processes (name, comment, updatedAt) VALUES ($1, 'outside', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) RETURNING id"
        : `INSERT INTO processes (name, comment, "updatedAt") VALUES ($1, 'outside', now()) RETURNING id`,
      (name) => [name],
    ];
    const insertOutside = async (name: string) => Number((await outside([[INSERT[0], INSERT[1](name)]]))[0]![0]!.id);
    const kinds = async () =>
      (
        await outside([
          [
            `SELECT kind, "actorType" AS actor, count(*) AS n FROM process_changes GROUP BY kind, "actorType" ORDER BY 1, 2`,
            [],
          ],
        ])
      )[0]!.map((r) => `${String(r.kind)}/${String(r.actor)}: ${Number(r.n)}`);

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 10);
      const token = await createTestToken(database.url, "Advanced user", { name: "outside events" });
      server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" } });
      auth = `Bearer ${token}`;
      api = apiClient(server.baseUrl, { Authorization: auth });
    });

    afterAll(async () => {
      for (const s of streams) s.close();
      await server?.stop();
      await database?.drop();
    });

    it("the seed's creations and deletions are written once each, by actor `system`, and reach subscribers", async () => {
      expect(await kinds()).toEqual(["create/system: 10"]);
      const stream = await subscribe();
      await seedProcesses(database.url, 3);
      const events: SseEvent[] = [];
      for (let i = 0; i < 13; i++) events.push(await stream.next());
      expect(events.map((e) => e.data.kind)).toEqual([...Array(10).fill("deleted"), ...Array(3).fill("created")]);
      for (const e of events) expect(e.data.changedBy).toEqual(SYSTEM);
      const ids = events.map((e) => Number(e.id!.split(":")[1]));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(await kinds()).toEqual(["create/system: 13", "delete/system: 10"]);
      const [first] = await list();
      const history = (await api("GET", `/api/v1/processes/${first!.id}/history`)).body.changes;
      expect(history).toEqual([
        expect.objectContaining({ kind: "created", version: 1, previous: null, changedBy: SYSTEM, name: first!.name }),
      ]);
    });

    it("an outside INSERT reaches subscribers as `created`, by actor `unknown`", async () => {
      const stream = await subscribe();
      const id = await insertOutside("Inserted outside");
      const event = await stream.next((e) => e.data.id === id);
      expect(event.event).toBe("process");
      expect(event.data).toMatchObject({
        id,
        name: "Inserted outside",
        comment: "outside",
        version: 1,
        previous: null,
        changedBy: UNKNOWN,
        requestId: null,
        kind: "created",
      });
    });

    it("an outside DELETE reaches subscribers as `deleted` with the last values, and stays in the history", async () => {
      const stream = await subscribe();
      const target = (await list())[0]!;
      await outside([["DELETE FROM processes WHERE id = $1", [target.id]]]);
      const event = await stream.next((e) => e.data.id === target.id);
      expect(event.data).toMatchObject({
        name: target.name,
        comment: target.comment,
        version: target.version,
        previous: { name: target.name, comment: target.comment },
        changedBy: UNKNOWN,
        kind: "deleted",
      });
      const history = (await api("GET", `/api/v1/processes/${target.id}/history`)).body.changes;
      expect(history.map((c: { kind: string }) => c.kind)).toEqual(["deleted", "created"]);
      expect(history[0].id).toBe(Number(event.id!.split(":")[1]));
    });

    it("a resume with Last-Event-ID replays outside inserts, updates and deletes in order among the app's writes", async () => {
      const [one, two] = await list();
      const first = await subscribe();
      await api("PUT", `/api/v1/processes/${one!.id}`, { json: { name: "Seen", comment: "" } });
      const seen = await first.next((e) => e.data.name === "Seen");
      first.close();
      const inserted = await insertOutside("Missed insert");
      await outside([["UPDATE processes SET name = $1 WHERE id = $2", ["Missed update", one!.id]]]);
      await outside([["DELETE FROM processes WHERE id = $1", [two!.id]]]);
      await api("PUT", `/api/v1/processes/${inserted}`, { json: { name: "Missed PUT", comment: "" } });
      const resumed = await subscribe({ "Last-Event-ID": seen.id! });
      const replayed: SseEvent[] = [];
      for (let i = 0; i < 4; i++) replayed.push(await resumed.next());
      expect(replayed.map((e) => [e.data.id, e.data.kind, e.data.changedBy.type])).toEqual([
        [inserted, "created", "unknown"],
        [one!.id, "updated", "unknown"],
        [two!.id, "deleted", "unknown"],
        [inserted, "updated", "token"],
      ]);
      const ids = replayed.map((e) => Number(e.id!.split(":")[1]));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(ids[0]).toBeGreaterThan(Number(seen.id!.split(":")[1]));
    });

    it("20 times: a script's delete-and-insert reaches a subscriber as `deleted` then `created`", async () => {
      const stream = await subscribe();
      for (let i = 0; i < 20; i++) {
        const target = (await list())[0]!;
        await outside([
          ["DELETE FROM processes WHERE id = $1", [target.id]],
          [INSERT[0], INSERT[1](`Replacement ${i}`)],
        ]);
        const gone = await stream.next((e) => e.data.id === target.id);
        const added = await stream.next((e) => e.data.name === `Replacement ${i}`);
        expect([gone.data.kind, added.data.kind]).toEqual(["deleted", "created"]);
        expect(Number(added.id!.split(":")[1])).toBeGreaterThan(Number(gone.id!.split(":")[1]));
        expect((await list()).map((p) => p.name)).not.toContain(target.name);
      }
    });

    it(
      "PostgreSQL: a TRUNCATE reaches subscribers as the deletion of every process",
      runIf(provider === "postgresql", "PostgreSQL only: SQLite has no TRUNCATE"),
      async () => {
        const before = await list();
        expect(before.length).toBeGreaterThan(0);
        const stream = await subscribe();
        await outside([["TRUNCATE processes", []]]);
        const events: SseEvent[] = [];
        for (let i = 0; i < before.length; i++) events.push(await stream.next());
        expect(events.map((e) => [e.data.id, e.data.kind, e.data.changedBy.type])).toEqual(
          before.map((p) => [p.id, "deleted", "unknown"]),
        );
        expect(await list()).toEqual([]);
      },
    );
  });
}

// GET /api/v1/processes answers from a cached list while the data has not changed (lib/processes/
// process-list-cache.ts). These tests pin the one thing such a cache must never do: answer with data
// older than a write that was acknowledged before the GET, whichever instance or process wrote it.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFilePath } from "@/lib/db/url";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { apiClient, type ApiClient } from "@/test/support/http";
import { runIf } from "@/test/support/requirements";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { take } from "@/test/support/take";
import { startServer, type TestServer } from "@/test/support/test-server";
import { type OutsideStatement, runOutside } from "@/test/support/outside-sql";

type Row = { id: number; name: string; comment: string; version: number };

for (const { provider, options } of PROVIDERS) {
  // PostgreSQL runs only where TEST_DATABASE_URL names a server (.ci/run sets it); elsewhere it shows as skipped.
  describe(`${provider}: the process list is never older than an acknowledged write`, options, () => {
    let database: TestDatabase;
    let servers: TestServer[] = [];
    let a: ApiClient;
    let b: ApiClient;

    const list = async (api: ApiClient): Promise<Row[]> => {
      const res = await api("GET", "/api/v1/processes");
      expect(res.status).toBe(200);
      return res.body.processes;
    };

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      await seedProcesses(database.url, 20);
      const token = await createTestToken(database.url, "Advanced user");
      const env = { DATABASE_URL: database.url, SEED_DEMO_DATA: "false" };
      // Two instances on one database, as behind a load balancer.
      const [one, two] = await Promise.all([startServer({ env }), startServer({ env })]);
      servers = [one, two];
      a = apiClient(one.baseUrl, { Authorization: `Bearer ${token}` });
      b = apiClient(two.baseUrl, { Authorization: `Bearer ${token}` });
    });

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database?.drop();
    });

    it("a GET right after a PUT on the same instance shows it", async () => {
      const [first] = take(await list(a), 1);
      const res = await a("PUT", `/api/v1/processes/${first.id}`, { json: { name: "Same instance", comment: "a" } });
      expect(res.status).toBe(200);
      expect((await list(a))[0]).toMatchObject({ name: "Same instance", version: first.version + 1 });
    });

    it("a GET on another instance shows a PUT acknowledged by the first, though it had the list cached", async () => {
      const before = await list(b);
      await list(b);
      const [, second] = take(before, 2);
      const res = await a("PUT", `/api/v1/processes/${second.id}`, {
        json: { name: "Other instance", comment: "b" },
      });
      expect(res.status).toBe(200);
      expect((await list(b))[1]).toMatchObject({
        name: "Other instance",
        comment: "b",
        version: second.version + 1,
      });
    });

    it("a bulk PUT on one instance is seen whole by the other", async () => {
      const before = await list(b);
      const items = before.slice(0, 5).map((p, i) => ({ id: p.id, name: `Bulk ${i}`, comment: "" }));
      expect((await a("PUT", "/api/v1/processes", { json: { processes: items } })).status).toBe(200);
      expect((await list(b)).slice(0, 5).map((p) => p.name)).toEqual(items.map((p) => p.name));
    });

    it("a refused bulk PUT (rolled back) leaves every instance's list as it was", async () => {
      const before = await list(a);
      expect(await list(b)).toEqual(before);
      const items = [
        { id: before[0]!.id, name: "Never saved", comment: "" },
        { id: 2_147_483_000, name: "x", comment: "" },
      ];
      expect((await a("PUT", "/api/v1/processes", { json: { processes: items } })).status).toBe(400);
      expect(await list(a)).toEqual(before);
      expect(await list(b)).toEqual(before);
    });

    it("a write by another process (the seed script) is seen by the next GET on every instance", async () => {
      await list(a);
      await list(b);
      await seedProcesses(database.url, 7);
      for (const api of [a, b]) {
        const processes = await list(api);
        expect(processes.map((p) => p.name)).toEqual(Array.from({ length: 7 }, (_, i) => `Process ${i + 1}`));
      }
    });

    it("many GETs at once while PUTs land: every GET after a PUT's answer shows that PUT", async () => {
      const [target] = take(await list(a), 1);
      for (let round = 0; round < 5; round++) {
        // Readers in flight on both instances while the write happens, so cached lists and queued checks exist.
        const noise = Array.from({ length: 10 }, (_, i) => list(i % 2 ? a : b));
        const res = await a("PUT", `/api/v1/processes/${target.id}`, { json: { name: `Round ${round}`, comment: "" } });
        expect(res.status).toBe(200);
        const after = await Promise.all([list(a), list(b), list(a), list(b)]);
        for (const processes of after)
          expect(processes[0]).toMatchObject({ name: `Round ${round}`, version: res.body.version });
        await Promise.all(noise);
      }
    });

    // Issue 13: writers outside the app. On PostgreSQL a trigger bumps the revision in the writer's own
    // transaction; on SQLite PRAGMA data_version sees the other connection. Repeated so timing cannot hide a stale read.
    const outside = async (statements: OutsideStatement[]) => void (await runOutside(database.url, statements));

    it("20 times: a GET on B, a PUT on A, then at once a GET on B shows the PUT", async () => {
      const [target] = take(await list(a), 1);
      for (let i = 0; i < 20; i++) {
        await list(b);
        const res = await a("PUT", `/api/v1/processes/${target.id}`, { json: { name: `A ${i}`, comment: "" } });
        expect(res.status).toBe(200);
        expect((await list(b))[0]).toMatchObject({ name: `A ${i}`, version: res.body.version });
      }
    });

    it("20 times: an outside UPDATE, then at once a GET on both instances shows it", async () => {
      const [target] = take(await list(a), 1);
      for (let i = 0; i < 20; i++) {
        await Promise.all([list(a), list(b)]);
        await outside([["UPDATE processes SET name = $1 WHERE id = $2", [`Outside ${i}`, target.id]]]);
        const [onA, onB] = await Promise.all([list(a), list(b)]);
        expect(onA[0]!.name).toBe(`Outside ${i}`);
        expect(onB[0]!.name).toBe(`Outside ${i}`);
      }
    });

    it("20 times: an outside bulk update, and a delete-and-insert, are seen at once by both instances", async () => {
      for (let i = 0; i < 20; i++) {
        await Promise.all([list(a), list(b)]);
        await outside([["UPDATE processes SET comment = $1", [`bulk ${i}`]]]);
        for (const api of [a, b])
          expect(new Set((await list(api)).map((p) => p.comment))).toEqual(new Set([`bulk ${i}`]));
        const [first] = take(await list(a), 1);
        await outside([
          ["DELETE FROM processes WHERE id = $1", [first.id]],
          [
            provider === "sqlite"
              ? "INSERT INTO processes (name, comment, updatedAt) VALUES ($1, '', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
              : `INSERT INTO processes (name, comment, "updatedAt") VALUES ($1, '', now())`,
            [`Inserted ${i}`],
          ],
        ]);
        for (const api of [a, b]) {
          const names = (await list(api)).map((p) => p.name);
          expect(names).not.toContain(first.name);
          expect(names.at(-1)).toBe(`Inserted ${i}`);
        }
      }
    });

    it(
      "SQLite: a write by any other connection (a sqlite3 shell) is seen by the next GET",
      runIf(provider === "sqlite", "SQLite only: a second connection to the same database file"),
      async () => {
        const [first] = take(await list(a), 1);
        await list(b);
        const shell = new Database(sqliteFilePath(database.url));
        try {
          shell.prepare("UPDATE processes SET name = ? WHERE id = ?").run("Written by a shell", first.id);
        } finally {
          shell.close();
        }
        expect((await list(a))[0]!.name).toBe("Written by a shell");
        expect((await list(b))[0]!.name).toBe("Written by a shell");
      },
    );
  });
}

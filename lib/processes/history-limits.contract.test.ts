// Issue 18: history that cannot fill the disk, and the small ones. Over HTTP against the production build on
// SQLite and PostgreSQL: the write budget refuses with 6001 and writes nothing (with each rate-limit store:
// memory, PostgreSQL, Redis), `history:prune` removes old changes but each process's newest, and a stream
// resuming from before the pruned range is told to `reset`; /api/health reports disk usage with warnings;
// history paging answers an unknown process 1005 with or without `before` and a repeated parameter 1001; the
// server's request and headers deadlines close a slow client's connection.
import net from "node:net";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFilePath } from "@/lib/db/url";
import { createTestToken } from "@/test/support/fixture-data";
import { apiClient } from "@/test/support/http";
import { NEEDS_REDIS, redisTestUrl, runIf } from "@/test/support/requirements";
import { runScript } from "@/test/support/run-script";
import { openEvents, type SseStream } from "@/test/support/sse";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";
import { runOutside } from "@/test/support/outside-sql";

const BUDGET = 20_000;
// Each case runs the CLI several times (a process start each, many seconds on a loaded machine).
const SLOW = { timeout: 300_000 };
const prefix = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type Change = { id: number; name: string; kind: string };

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: history that cannot fill the disk`, options, () => {
    let database: TestDatabase;
    let server: TestServer;
    const servers: TestServer[] = [];
    const streams: SseStream[] = [];
    const env = (extra: Record<string, string> = {}) => ({
      DATABASE_URL: database.url,
      WRITE_BUDGET_BYTES_PER_HOUR: String(BUDGET),
      // Every volume has less free space than this, and every database is larger than 1 MB: both warn.
      DISK_FREE_WARN_MB: "1000000000",
      DATABASE_SIZE_WARN_MB: "1",
      // A small largest body: the request deadline (10 s + the body at 1 Mbit/s) is then about 10.1 s.
      MAX_BODY_BYTES: "16384",
      RATE_LIMIT_KEY_PREFIX: prefix(),
      ...(provider === "postgresql" ? { RATE_LIMIT_STORE: "postgres" } : {}),
      ...extra,
    });
    let admin: string;
    /**
     * A new token (a new caller, with a budget of its own), made through the API with the Super user's token from
     * the CLI: a CLI run costs a process start, about a second of CPU, and token creation is not under test here.
     */
    const newToken = async (role: "User" | "Advanced user") => {
      const res = await apiClient(server.baseUrl, { Authorization: `Bearer ${admin}` })("POST", "/api/v1/tokens", {
        json: { name: `history ${role}`, role },
      });
      expect(res.status, res.text).toBe(201);
      return res.body.secret as string;
    };
    const client = async (target: TestServer) =>
      apiClient(target.baseUrl, { Authorization: `Bearer ${await newToken("Advanced user")}` });

    /** The database's epoch, which event ids carry. */
    const readEpoch = async (): Promise<string> => {
      const sql = "SELECT value FROM database_epoch WHERE id = 1";
      if (provider === "sqlite") {
        const shell = new Database(sqliteFilePath(database.url), { readonly: true });
        try {
          return (shell.prepare(sql).get() as { value: string }).value;
        } finally {
          shell.close();
        }
      }
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      try {
        return (await c.query<{ value: string }>(sql)).rows[0]!.value;
      } finally {
        await c.end();
      }
    };

    /** Statements on a connection of the test's own, beside the server. */
    const outside = async (sql: string, params: unknown[]) => void (await runOutside(database.url, [[sql, params]]));

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      admin = await createTestToken(database.url, "Super user", { name: "history admin" });
      server = await startServer({ env: env() });
      servers.push(server);
    });

    afterAll(async () => {
      for (const s of streams) s.close();
      await Promise.all(servers.map((s) => s.stop()));
      await database?.drop();
    });

    const budgetCase = async (target: TestServer) => {
      const api = await client(target);
      const list = async () => (await api("GET", "/api/v1/processes")).body.processes;
      const history = async (ids: number[]) =>
        Promise.all(ids.map(async (id) => (await api("GET", `/api/v1/processes/${id}/history`)).body.changes));
      const ids = (await list()).slice(0, 4).map((p: { id: number }) => p.id) as number[];
      // Each item stores about 3 × (name + comment) + 160 bytes: 4 × 2,899 = 11,596 of 20,000.
      // Names of this run only: the cases share one database, and a write of unchanged values stores nothing.
      const run = Math.random().toString(36).slice(2, 6);
      const bulk = (tag: string) => ({
        processes: ids.map((id) => ({ id, name: `${tag} ${id} ${run}`, comment: "c".repeat(900) })),
      });
      expect((await api("PUT", "/api/v1/processes", { json: bulk("First") })).status).toBe(200);
      // A re-sync stores nothing and is given back: charged, the second of these would already be refused.
      for (let n = 0; n < 3; n++) {
        const again = await api("PUT", "/api/v1/processes", { json: bulk("First") });
        expect([again.status, again.headers.get("x-changed-count")]).toEqual([200, "0"]);
      }
      const [listBefore, historyBefore] = [await list(), await history(ids)];
      const refused = await api("PUT", "/api/v1/processes", { json: bulk("Second") });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 6001, title: "Too many requests. Try again later" });
      expect(refused.body.detail).toMatch(
        /^Write budget spent: this write would store about 0\.01 MB, and 0\.01 MB of the 0\.02 MB allowed per hour are left; retry after \d+ s$/,
      );
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      // Nothing was written: the processes and their histories are as they were.
      expect(await list()).toEqual(listBefore);
      expect(await history(ids)).toEqual(historyBefore);
      // The refused write's bytes were not charged: a small one still fits, and is written.
      const small = await api("PUT", `/api/v1/processes/${ids[0]}`, { json: { name: "Small", comment: "" } });
      expect(small.status).toBe(200);
      expect(small.body.name).toBe("Small");
      // Single PUTs of about 3,170 bytes each: the third no longer fits, and is not written.
      const singles = [];
      for (const n of [1, 2, 3])
        singles.push(
          await api("PUT", `/api/v1/processes/${ids[1]}`, { json: { name: `Big ${n}`, comment: "d".repeat(1000) } }),
        );
      expect(singles.map((r) => [r.status, r.body.code])).toEqual([
        [200, undefined],
        [200, undefined],
        [429, 6001],
      ]);
      expect((await api("GET", `/api/v1/processes/${ids[1]}`)).body.name).toBe("Big 2");
    };

    const store = provider === "postgresql" ? "PostgreSQL" : "memory";
    it(
      `the write budget (${store} store) refuses a write past it with 6001 and Retry-After, writing nothing`,
      SLOW,
      () => budgetCase(server),
    );

    if (provider === "sqlite")
      it(
        "the write budget holds with the Redis store too",
        { ...SLOW, ...runIf(Boolean(redisTestUrl), NEEDS_REDIS) },
        async () => {
          const redis = await startServer({ env: env({ RATE_LIMIT_STORE: "redis", REDIS_URL: redisTestUrl! }) });
          servers.push(redis);
          await budgetCase(redis);
        },
      );

    it(
      "history:prune removes changes older than the given days but each process's newest; a stream resuming from before them is told to reset",
      SLOW,
      async () => {
        const api = await client(server);
        const [a, b] = (await api("GET", "/api/v1/processes")).body.processes.slice(4, 6) as { id: number }[];
        for (const n of [1, 2, 3])
          await api("PUT", `/api/v1/processes/${a!.id}`, { json: { name: `Old ${n}`, comment: "" } });
        // Everything so far becomes 40 days old; then one recent change.
        const longAgo = new Date(Date.now() - 40 * 86_400_000);
        await outside(`UPDATE process_changes SET "changedAt" = $1 WHERE "processId" IN ($2, $3)`, [
          provider === "sqlite" ? longAgo.toISOString() : longAgo,
          a!.id,
          b!.id,
        ]);
        await api("PUT", `/api/v1/processes/${a!.id}`, { json: { name: "Recent", comment: "" } });
        const historyOf = async (id: number): Promise<Change[]> =>
          (await api("GET", `/api/v1/processes/${id}/history?limit=500`)).body.changes;
        const [aBefore, bBefore] = [await historyOf(a!.id), await historyOf(b!.id)];
        expect(aBefore.map((c) => c.name)).toEqual(["Recent", "Old 3", "Old 2", "Old 1", expect.any(String)]);

        // Bad input changes nothing.
        const badArgs = [["--older-than", "0"], ["--older-than", "ten"], ["--older-than", "-3"], []];
        const bad = await Promise.all(
          badArgs.map((args) =>
            runScript("scripts/cli.ts", ["history:prune", ...args], { DATABASE_URL: database.url }),
          ),
        );
        for (const [i, result] of bad.entries()) {
          expect(result.code, badArgs[i]!.join(" ")).toBe(2);
          expect(result.stderr).toMatch(/--older-than|Nothing to do|must be a whole number/);
        }
        expect(await historyOf(a!.id)).toEqual(aBefore);

        const pruned = await runScript("scripts/cli.ts", ["history:prune", "--older-than", "30"], {
          DATABASE_URL: database.url,
        });
        expect(pruned.code, pruned.stderr).toBe(0);
        const throughId = aBefore[1]!.id;
        // a's four old changes (its creation and Old 1-3) went; every other process keeps its only (newest) one.
        expect(pruned.stdout).toContain(`Removed 4 change(s) older than`);
        expect(pruned.stdout).toContain(`up to change id ${throughId}`);
        expect(await historyOf(a!.id)).toEqual(aBefore.slice(0, 1));
        expect(await historyOf(b!.id)).toEqual(bBefore);
        for (const p of (await api("GET", "/api/v1/processes")).body.processes as { id: number }[])
          expect((await historyOf(p.id)).length, `process ${p.id}`).toBeGreaterThanOrEqual(1);

        // A second run finds nothing more to remove.
        const again = await runScript("scripts/cli.ts", ["history:prune", "--older-than", "30"], {
          DATABASE_URL: database.url,
        });
        expect(again.stdout).toContain("Removed 0 change(s)");

        // Event ids name the database's epoch (docs/decisions/020): a plain id would be reset whatever the prune did.
        const epoch = await readEpoch();
        const subscribe = async (lastEventId: number) => {
          const stream = await openEvents(`${server.baseUrl}/api/v1/processes/events`, {
            Authorization: `Bearer ${await newToken("User")}`,
            "Last-Event-ID": `${epoch}:${lastEventId}`,
          });
          streams.push(stream);
          expect(stream.status).toBe(200);
          return stream;
        };
        // From inside the pruned range: what it missed is gone, so it is told to start over.
        expect((await (await subscribe(aBefore[3]!.id)).next()).event).toBe("reset");
        // From the end of the pruned range: nothing it missed is gone; it gets the recent change.
        const resumed = await (await subscribe(throughId)).next();
        expect([resumed.event, resumed.id, resumed.data.name]).toEqual([
          "process",
          `${epoch}:${aBefore[0]!.id}`,
          "Recent",
        ]);
      },
    );

    it(
      "/api/health reports the database's size, its volume's free space (SQLite) and the warnings past the thresholds",
      SLOW,
      async () => {
        const res = await apiClient(server.baseUrl)("GET", "/api/health");
        expect(res.status).toBe(200);
        expect(res.body.status).toBe("ok");
        const { databaseBytes, freeBytes, warnings } = res.body.storage;
        expect(databaseBytes).toBeGreaterThan(0);
        const sizeWarning = expect.stringMatching(/^the database holds \d+ MB \(warning above 1 MB\)$/);
        if (provider === "sqlite") {
          expect(freeBytes).toBeGreaterThan(0);
          expect(warnings).toEqual([
            expect.stringMatching(/^the database's volume has \d+ MB free \(warning below 1000000000 MB\)$/),
            ...(databaseBytes > 1024 * 1024 ? [sizeWarning] : []),
          ]);
        } else {
          // A PostgreSQL database is larger than 1 MB from its creation (its catalogs).
          expect(databaseBytes).toBeGreaterThan(1024 * 1024);
          expect(freeBytes).toBeNull();
          expect(warnings).toEqual([sizeWarning]);
        }
      },
    );

    it(
      "history paging: an unknown process is 1005 with or without `before`; a repeated parameter is 1001",
      SLOW,
      async () => {
        const api = await client(server);
        for (const query of ["", "?before=5", "?before=5&limit=3"]) {
          const res = await api("GET", `/api/v1/processes/99999/history${query}`);
          expect([res.status, res.body.code], query).toEqual([404, 1005]);
        }
        const [first] = (await api("GET", "/api/v1/processes")).body.processes as { id: number }[];
        for (const [query, pointer] of [
          ["?limit=1&limit=2", "/limit"],
          ["?before=5&before=900", "/before"],
        ] as const) {
          const res = await api("GET", `/api/v1/processes/${first!.id}/history${query}`);
          expect([res.status, res.body.code], query).toEqual([400, 1001]);
          expect(res.body.errors).toEqual([{ pointer, detail: "is given more than once" }]);
        }
        // A known process with nothing before the id is still 200 and empty.
        const none = await api("GET", `/api/v1/processes/${first!.id}/history?before=1`);
        expect([none.status, none.body.changes]).toEqual([200, []]);
      },
    );

    it(
      "a client that sends its headers or its body too slowly is answered 408 and its connection closed, within the deadlines",
      SLOW,
      async () => {
        /** Trickles `text` a few bytes a second; resolves with what the server answered and when it closed. */
        const trickle = (head: string, drip: string) =>
          new Promise<{ answer: string; closedAfterMs: number }>((resolve) => {
            const started = Date.now();
            const socket = net.connect(server.port, "127.0.0.1");
            let answer = "";
            let timer: NodeJS.Timeout | undefined;
            socket.on("connect", () => {
              socket.write(head);
              timer = setInterval(() => socket.writable && socket.write(drip), 1_000);
            });
            socket.on("data", (d) => (answer += d.toString("latin1")));
            socket.on("error", () => undefined);
            socket.on("close", () => {
              clearInterval(timer);
              resolve({ answer, closedAfterMs: Date.now() - started });
            });
            // The bound of the test: far below Node's default of 300 s.
            setTimeout(() => socket.destroy(), 40_000).unref();
          });
        const token = await newToken("Advanced user");
        const [headers, body] = await Promise.all([
          trickle(`GET /api/v1/processes HTTP/1.1\r\nHost: 127.0.0.1\r\n`, "X-Slow: 1\r\n"),
          // An authenticated write whose body (within MAX_BODY_BYTES) comes ten bytes a second.
          trickle(
            `PUT /api/v1/processes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
              `Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n`,
            "          ",
          ),
        ]);
        // headersTimeout 10 s; requestTimeout 10 s + 16 KB at 1 Mbit/s; checked every second.
        for (const [name, result] of [
          ["headers", headers],
          ["body", body],
        ] as const) {
          expect(result.answer, name).toMatch(/^HTTP\/1\.1 408 /);
          expect(result.closedAfterMs, name).toBeGreaterThanOrEqual(9_000);
          expect(result.closedAfterMs, name).toBeLessThan(20_000);
        }
      },
    );
  });
}

import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sqliteFilePath } from "@/lib/db/url";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { startTcpProxy } from "@/test/support/tcp-proxy";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// Issue 8, items 4 and 6: a database that stops answering (frozen, not down) or whose disk is full.
// Every request is answered 1006 with Retry-After within 5 s (DB_TIMEOUT_MS, default 3 s per statement, 1.5 s to get a connection), and
// /api/health 503; the server recovers without a restart. Each case has its own database and server.

const ANSWER_WITHIN_MS = 5_000;
const SLOW = { timeout: 120_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Answer = { status: number; code?: number; retryAfter: string | null; body: any };

/** One request that must be answered within 5 s: a later answer fails the test (the request is aborted). */
async function within5s(server: TestServer, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
  const json = (await res.json()) as any;
  return { status: res.status, code: json?.code, retryAfter: res.headers.get("retry-after"), body: json } as Answer;
}

async function processes(server: TestServer, token: string): Promise<{ id: number; comment: string }[]> {
  return (await within5s(server, "GET", "/api/v1/processes", token)).body.processes;
}

export function frozenPostgresCases(): void {
  let database: TestDatabase;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let server: TestServer;
  let reader: string;
  let writer: string;

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    const direct = new URL(database.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    reader = await createTestToken(database.url, "User");
    writer = await createTestToken(database.url, "Advanced user");
    server = await startServer({ env: { DATABASE_URL: viaProxy.toString() } });
  });

  afterAll(async () => {
    await server?.stop();
    await proxy?.stop();
    await database?.drop();
  });

  it(
    "a frozen PostgreSQL: every request, in waves larger than the pool, is 1006 with Retry-After within 5 s and health 503; after the thaw it serves again without a restart, and nothing changed",
    SLOW,
    async () => {
      const before = await processes(server, reader);
      expect(before.length).toBe(8);
      expect((await within5s(server, "GET", "/api/health", reader)).status).toBe(200);

      proxy.freeze();
      // A token made while the app's connections are frozen: its lookup must meet the frozen database too.
      const fresh = await createTestToken(database.url, "User");
      const wave = () => [
        ...[reader, fresh, writer].flatMap((t) => [0, 1, 2].map(() => within5s(server, "GET", "/api/v1/processes", t))),
        ...[1, 2, 3].map((id) =>
          within5s(server, "PUT", `/api/v1/processes/${id}`, writer, { name: "frozen", comment: "" }),
        ),
        within5s(server, "PUT", "/api/v1/processes", writer, { processes: [{ id: 4, name: "frozen", comment: "" }] }),
        within5s(server, "GET", "/api/health", reader),
        within5s(server, "GET", "/api/health", reader),
      ];
      for (let round = 0; round < 2; round++) {
        const answers = await Promise.all(wave());
        expect(answers.map((a) => a.status)).toEqual(answers.map(() => 503));
        expect(answers.map((a) => a.retryAfter)).toEqual(answers.map(() => "5"));
        const [health] = answers.slice(-1);
        expect(health!.body).toMatchObject({ status: "unavailable", database: { ok: false } });
        const api = answers.slice(0, -2).filter((a) => a.body.code !== undefined);
        // Reads, writes and a token lookup (3001 aside: the writer may not list tokens) alike.
        expect(new Set(api.map((a) => a.code))).toEqual(new Set([1006]));
      }

      proxy.thaw();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        await sleep(200);
        status = (await within5s(server, "GET", "/api/v1/processes", reader)).status;
      }
      expect(status).toBe(200);
      expect((await within5s(server, "GET", "/api/health", reader)).status).toBe(200);
      expect(await processes(server, reader)).toEqual(before);
    },
  );
}

export function sqliteDiskFullCases(): void {
  let database: TestDatabase;
  let server: TestServer;
  let writer: string;
  const hasPrlimit = (() => {
    try {
      execFileSync("prlimit", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  beforeAll(async () => {
    if (!hasPrlimit) return;
    database = await createTestDatabase("sqlite");
    writer = await createTestToken(database.url, "Advanced user");
    await seedProcesses(database.url, 8);
    // The disk is full 48 KB after the file's present size: the server can start (a few pages of log
    // in the WAL), and a dozen writes later no more can be written.
    const size = statSync(sqliteFilePath(database.url)).size;
    server = await startServer({ env: { DATABASE_URL: database.url }, fileSizeLimitBytes: size + 48 * 1024 });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  // Skipped only where util-linux prlimit is missing (it sets the server's file-size limit).
  it.skipIf(!hasPrlimit)(
    "SQLite with a full disk: a write is 1006 with Retry-After (never 500) and changes nothing, /api/health 503, reads still served; once there is room, health 200 and writes succeed without a restart",
    SLOW,
    async () => {
      expect((await within5s(server, "GET", "/api/health", writer)).status).toBe(200);
      const statuses: number[] = [];
      let last = "";
      let refused: Answer | undefined;
      for (let i = 0; i < 200 && !refused; i++) {
        const comment = `${i} ${"x".repeat(990)}`;
        const answer = await within5s(server, "PUT", `/api/v1/processes/${(i % 8) + 1}`, writer, {
          name: `P${i}`,
          comment,
        });
        statuses.push(answer.status);
        if (answer.status === 200) last = comment;
        else refused = answer;
      }
      expect(refused).toMatchObject({ status: 503, code: 1006, retryAfter: "5" });
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      const health = await within5s(server, "GET", "/api/health", writer);
      expect(health.status).toBe(503);
      expect(health.body.database.problem).toMatch(/cannot grow|disk/);
      // Reads are still served, and hold the last write that succeeded, not the refused one.
      const list = await processes(server, writer);
      expect(list.map((p) => p.comment)).toContain(last);
      expect(list.some((p) => p.comment.startsWith(`${statuses.length - 1} `))).toBe(false);

      // Room again: the soft limit is lifted on the running server.
      execFileSync("prlimit", ["--pid", String(server.pid), "--fsize=unlimited:"]);
      expect((await within5s(server, "GET", "/api/health", writer)).status).toBe(200);
      const write = await within5s(server, "PUT", "/api/v1/processes/1", writer, { name: "room again", comment: "" });
      expect(write.status).toBe(200);
    },
  );
}

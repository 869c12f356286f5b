import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachingPrepare } from "@/lib/db/sqlite-adapter";
import { sqliteFilePath } from "@/lib/db/url";
import { openDataLayer, type DataLayer } from "@/test/support/data-layer";

// CI failed once on `users:create` run beside a busy server: "Operation has timed out" (SQLITE_BUSY) at the
// create, after the transaction's read. A deferred transaction cannot take the write lock once another connection
// has committed after its first read; an IMMEDIATE one holds the lock from the start, so the other writer waits.

const load = async () => ({ ...(await import("@/lib/db/client")), ...(await import("@/lib/users/users")) });

describe("SQLite transactions begin IMMEDIATE", () => {
  let dl: DataLayer<Awaited<ReturnType<typeof load>>>;
  let outside: Database.Database;

  beforeAll(async () => {
    dl = await openDataLayer("sqlite", load);
    outside = new Database(sqliteFilePath(dl.database.url), { timeout: 50 });
    outside.pragma("journal_mode = WAL");
  });

  afterAll(async () => {
    outside?.close();
    await dl?.close();
  });

  const outsideWrite = (email: string) => () =>
    outside
      .prepare(
        `INSERT INTO users (email, role, "passwordHash", "createdAt", "updatedAt") VALUES (?, 'User', 'x', ?, ?)`,
      )
      .run(email, Date.now(), Date.now());

  it("a read-then-write transaction survives another connection's write between its read and its write", async () => {
    let outsideError: unknown = null;
    const created = await dl.db.$transaction(async (tx) => {
      const before = await tx.user.count();
      try {
        outsideWrite("outside@plant.example")();
      } catch (error) {
        outsideError = error;
      }
      const user = await tx.user.create({
        data: { email: "inside@plant.example", role: "User", passwordHash: "x" },
        select: { email: true },
      });
      return { before, user };
    });
    expect(created).toEqual({ before: 0, user: { email: "inside@plant.example" } });
    // The outside writer met the held lock (and would have waited out its busy timeout), not our transaction.
    expect((outsideError as { code?: string } | null)?.code).toBe("SQLITE_BUSY");
    const emails = outside.prepare("SELECT email FROM users ORDER BY email").all();
    expect(emails).toEqual([{ email: "inside@plant.example" }]);
  });

  it("once the transaction has ended, the outside writer gets the lock at once", async () => {
    outsideWrite("later@plant.example")();
    expect(await dl.countUsers()).toBe(2);
  });
});

describe("SQLite statements are prepared once per SQL text", () => {
  const open = () => {
    const file = new Database(":memory:");
    file.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
    const sources: string[] = [];
    const prepare = file.prepare.bind(file);
    file.prepare = ((source: string) => {
      sources.push(source);
      return prepare(source);
    }) as typeof file.prepare;
    return { file, sources, cached: cachingPrepare(file, 2), prepared: () => sources.length };
  };

  it("reuses a statement with other parameters each time, reads and writes alike", () => {
    const { cached, prepared } = open();
    for (const [id, name] of [
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ] as const)
      expect(cached("INSERT INTO t (id, name) VALUES (?, ?)").bind([id, name]).run().changes).toBe(1);
    const read = (id: number) => cached("SELECT id, name FROM t WHERE id >= ? ORDER BY id").bind([id]).raw().all();
    expect(read(2)).toEqual([
      [2, "b"],
      [3, "c"],
    ]);
    expect(read(3)).toEqual([[3, "c"]]);
    expect(
      cached("SELECT id, name FROM t WHERE id >= ? ORDER BY id")
        .bind([1])
        .columns()
        .map((c) => c.name),
    ).toEqual(["id", "name"]);
    expect(prepared()).toBe(2);
  });

  it("drops the least recently used text past its size, and prepares it again when asked", () => {
    const { cached, prepared } = open();
    const texts = ["SELECT 1", "SELECT 2", "SELECT 3"];
    cached(texts[0]!);
    cached(texts[1]!);
    cached(texts[0]!); // now the most recent: SELECT 2 goes when SELECT 3 comes
    cached(texts[2]!);
    expect(prepared()).toBe(3);
    cached(texts[0]!);
    expect(prepared()).toBe(3);
    expect(cached(texts[1]!).bind([]).raw().all()).toEqual([[2]]);
    expect(prepared()).toBe(4);
  });

  it("makes the adapter's BEGIN a BEGIN IMMEDIATE", () => {
    const { file, cached, sources } = open();
    cached("BEGIN").run();
    expect(sources).toEqual(["BEGIN IMMEDIATE"]);
    expect(file.inTransaction).toBe(true);
    cached("INSERT INTO t (id, name) VALUES (?, ?)").bind([9, "x"]).run();
    cached("COMMIT").bind([]).run();
    expect(file.inTransaction).toBe(false);
    expect(cached("SELECT name FROM t WHERE id = ?").bind([9]).raw().all()).toEqual([["x"]]);
  });
});

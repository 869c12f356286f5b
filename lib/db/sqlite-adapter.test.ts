import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { runOutside } from "@/test/support/outside-sql";
import { signInOverHttp } from "@/test/support/session";
import { openSqlReader } from "@/test/support/sql-reader";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// An older release's database upgraded by today's start (issue 24): the schema as it was before the people and
// audit migration (which rebuilds the users table on SQLite), every table filled (history included), then the
// production server started on it. Every row must come through with its values, and the app must work with
// the old token and the old password.

const OLDER_RELEASE = "20261206120000_history_prunes";
const PASSWORD = "old-release-password-1";
const SECRET = "ppt_" + "o".repeat(43);
const at = (day: number) => `2026-12-0${day}T10:00:00.000Z`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Row = Record<string, unknown>;
const plain = (v: unknown) =>
  v instanceof Date
    ? v.getTime()
    : typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v)
      ? Date.parse(v)
      : typeof v === "bigint"
        ? Number(v)
        : v;

/** Every row of every table (but the migrations' own), each value made comparable across drivers. */
async function everyRow(url: string): Promise<Record<string, Row[]>> {
  const sql = await openSqlReader(url);
  try {
    const tables = (
      url.startsWith("file:")
        ? await sql.rows<{ name: string }>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
        : await sql.rows<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")
    )
      .map((t) => t.name)
      .filter((t) => t !== "_prisma_migrations");
    const all: Record<string, Row[]> = {};
    for (const table of tables.sort())
      all[table] = (await sql.rows<Row>(`SELECT * FROM "${table}" ORDER BY 1`)).map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])),
      );
    return all;
  } finally {
    await sql.close();
  }
}

describe.each(PROVIDERS)("upgrading an older release's $provider database", ({ provider, options }) => {
  describe("", { ...options, timeout: 300_000 }, () => {
    let database: TestDatabase;
    let server: TestServer | undefined;

    beforeAll(async () => {
      database = await createTestDatabase(provider);
    });
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("keeps every row of every table, and the old token, password and history work", async () => {
      await migrateDatabase({ url: database.url, until: OLDER_RELEASE });
      const hash = bcrypt.hashSync(PASSWORD, 10);
      // Writes from outside the app, as that release's triggers record them (created, updated, deleted).
      await runOutside(database.url, [
        [
          'INSERT INTO users (email, "passwordHash", role, "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5)',
          ["old-admin@plant.example", hash, "Super user", at(1), at(1)],
        ],
        [
          'INSERT INTO users (email, "passwordHash", role, "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5)',
          ["old-op@plant.example", hash, "Advanced user", at(2), at(2)],
        ],
        [
          'INSERT INTO processes (id, name, comment, version, "createdAt", "updatedAt") VALUES (1, $1, $2, 1, $3, $4)',
          ["Extrusion", "line 1", at(1), at(1)],
        ],
        [
          'INSERT INTO processes (id, name, comment, version, "createdAt", "updatedAt") VALUES (2, $1, $2, 1, $3, $4)',
          ["Welding", "", at(1), at(1)],
        ],
        [
          'INSERT INTO processes (id, name, comment, version, "createdAt", "updatedAt") VALUES (3, $1, $2, 1, $3, $4)',
          ["Cutting", "Flying saw\nsecond line", at(2), at(2)],
        ],
        [
          'INSERT INTO processes (id, name, comment, version, "createdAt", "updatedAt") VALUES (4, $1, $2, 1, $3, $4)',
          ["Retired", "", at(2), at(2)],
        ],
      ]);
      await runOutside(database.url, [["UPDATE processes SET name = $1 WHERE id = 1", ["Extrusion line 1"]]]);
      await runOutside(database.url, [
        ["UPDATE processes SET comment = $1 WHERE id = 1", ["kept through the upgrade"]],
      ]);
      await runOutside(database.url, [["DELETE FROM processes WHERE id = 4", []]]);
      await runOutside(database.url, [
        [
          'INSERT INTO api_tokens (name, role, "tokenHash", "createdAt", "expiresAt", "createdById") VALUES ($1, $2, $3, $4, $5, 1)',
          [
            "MES",
            "Advanced user",
            createHash("sha256").update(SECRET).digest("hex"),
            at(3),
            "2036-01-01T00:00:00.000Z",
          ],
        ],
        [
          'INSERT INTO sessions (id, "userId", "createdAt", "expiresAt") VALUES ($1, 2, $2, $3)',
          ["old-session", at(3), "2036-01-01T00:00:00.000Z"],
        ],
        [
          'INSERT INTO history_prunes ("prunedAt", "olderThan", deleted, "throughId") VALUES ($1, $2, 0, 0)',
          [at(4), at(1)],
        ],
      ]);
      const before = await everyRow(database.url);
      expect(Object.keys(before)).toEqual(
        expect.arrayContaining([
          "users",
          "processes",
          "process_changes",
          "api_tokens",
          "sessions",
          "history_prunes",
          "database_epoch",
          "process_revisions",
        ]),
      );
      for (const [table, rows] of Object.entries(before)) expect(rows.length, table).toBeGreaterThan(0);
      expect(before.process_changes!.map((c) => c.kind)).toEqual(
        expect.arrayContaining(["create", "update", "delete"]),
      );

      server = await startServer({ env: { DATABASE_URL: database.url } });
      for (let i = 0; i < 150 && (await fetch(`${server.baseUrl}/api/health/ready`)).status !== 200; i++)
        await sleep(200);
      expect((await fetch(`${server.baseUrl}/api/health/ready`)).status).toBe(200);

      // Every old row, its old columns with their old values (new columns may have been added beside them).
      const after = await everyRow(database.url);
      for (const [table, rows] of Object.entries(before)) {
        const columns = Object.keys(rows[0]!);
        const kept = after[table]!.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
        expect(kept, table).toEqual(rows);
      }
      expect(Object.keys(after)).toEqual(expect.arrayContaining(["audit_events", "password_links"]));

      const auth = { Authorization: `Bearer ${SECRET}` };
      const list = await fetch(`${server.baseUrl}/api/v1/processes`, { headers: auth });
      expect(((await list.json()) as { processes: { name: string }[] }).processes.map((p) => p.name)).toEqual([
        "Extrusion line 1",
        "Welding",
        "Cutting",
      ]);
      const put = await fetch(`${server.baseUrl}/api/v1/processes/1`, {
        method: "PUT",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Extrusion line 1", comment: "after the upgrade" }),
      });
      expect([put.status, ((await put.json()) as { version: number }).version]).toEqual([200, 4]);
      const history = await fetch(`${server.baseUrl}/api/v1/processes/1/history`, { headers: auth });
      const changes = ((await history.json()) as { changes: { comment: string; kind: string }[] }).changes;
      expect(changes.map((c) => [c.kind, c.comment])).toEqual([
        ["updated", "after the upgrade"],
        ["updated", "kept through the upgrade"],
        ["updated", "line 1"],
        ["created", "line 1"],
      ]);
      const signIn = await signInOverHttp(server.baseUrl, "old-op@plant.example", PASSWORD);
      expect(signIn.cookie).not.toBeNull();
    });
  });
});

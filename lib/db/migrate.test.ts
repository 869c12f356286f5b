import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATION_LOCK_KEY, migrateDatabase } from "./migrate";
import { take } from "@/test/support/take";
import { providerForUrl } from "./url";
import { NEEDS_POSTGRES, postgresTestUrl, runIf } from "@/test/support/requirements";

const EXPECTED_COLUMNS: Record<string, string[]> = {
  api_tokens: [
    "id",
    "name",
    "role",
    "tokenHash",
    "createdAt",
    "expiresAt",
    "lastUsedAt",
    "revokedAt",
    "createdById",
    "machineWriter",
  ],
  database_epoch: ["id", "value"],
  history_prunes: ["id", "prunedAt", "olderThan", "deleted", "throughId"],
  presence_pages: ["userId", "pageId", "editing", "seenAt"],
  processes: ["id", "name", "comment", "version", "createdAt", "updatedAt"],
  process_changes: [
    "id",
    "processId",
    "version",
    "name",
    "comment",
    "previousName",
    "previousComment",
    "changedAt",
    "actorType",
    "actorId",
    "actorName",
    "requestId",
    "kind",
    "hash",
    "prevHash",
    "reason",
    "signerKind",
    "signerId",
    "signerName",
    "signedAt",
    "signerTimeZone",
    "signatureMeaning",
  ],
  change_control_policy: [
    "id",
    "approval",
    "reasonMode",
    "standardReasons",
    "signatures",
    "protection",
    "protectedIds",
    "updatedAt",
  ],
  process_revisions: ["id", "value"],
  sessions: ["id", "userId", "createdAt", "expiresAt", "ip", "device", "lastSeenAt", "providerSid", "checkedAt"],
  users: [
    "id",
    "email",
    "passwordHash",
    "role",
    "name",
    "source",
    "externalId",
    "disabled",
    "mustChangePassword",
    "lastSignInAt",
    "locale",
    "approver",
    "createdAt",
    "updatedAt",
  ],
  change_requests: [
    "id",
    "state",
    "items",
    "processIds",
    "itemCount",
    "reason",
    "requesterKind",
    "requesterId",
    "requesterName",
    "requestId",
    "requesterSignature",
    "createdAt",
    "decidedAt",
    "deciderKind",
    "deciderId",
    "deciderName",
    "decisionReason",
    "deciderSignature",
  ],
  password_links: ["id", "userId", "tokenHash", "createdAt", "expiresAt", "usedAt"],
  audit_events: [
    "id",
    "at",
    "action",
    "actorType",
    "actorId",
    "actorName",
    "targetType",
    "targetId",
    "targetName",
    "ip",
    "requestId",
    "detail",
    "hash",
    "prevHash",
  ],
  trail_heads: ["chain", "lastId", "lastHash", "sealedAt", "anchorId", "anchorHash", "anchorCount", "anchorDigest"],
  webhooks: [
    "id",
    "url",
    "processIds",
    "kinds",
    "batch",
    "secret",
    "createdAt",
    "createdById",
    "cursor",
    "leaseOwner",
    "leaseUntil",
  ],
  webhook_deliveries: [
    "id",
    "webhookId",
    "messageId",
    "firstChangeId",
    "lastChangeId",
    "changes",
    "body",
    "status",
    "attempts",
    "queuedAt",
    "nextAttemptAt",
    "lastAttemptAt",
    "lastStatus",
    "lastError",
    "lastDurationMs",
    "deliveredAt",
  ],
};

// Column order is the engine's: SQLite rebuilds a table in the schema's order, PostgreSQL appends added columns.
const sortedColumns = (tables: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(tables).map(([table, columns]) => [table, [...columns].sort()]));

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: string | Date | null;
  rolled_back_at: string | Date | null;
  applied_steps_count: number;
}

/** The committed migrations with the checksum `prisma migrate` records: SHA-256 of the file. */
function committedMigrations(provider: "sqlite" | "postgresql") {
  const dir = path.join(process.cwd(), "prisma", provider, "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => ({
      name,
      checksum: crypto
        .createHash("sha256")
        .update(fs.readFileSync(path.join(dir, name, "migration.sql")))
        .digest("hex"),
    }));
}

function expectRecorded(rows: MigrationRow[], provider: "sqlite" | "postgresql", since: number) {
  const expected = committedMigrations(provider);
  expect(rows.map((r) => r.migration_name)).toEqual(expected.map((m) => m.name));
  for (const [i, row] of rows.entries()) {
    expect(row.checksum).toBe(expected[i]!.checksum);
    expect(row.finished_at).not.toBeNull();
    // A second of slack: SQLite's timestamps come from its own clock, truncated to milliseconds.
    expect(new Date(row.finished_at as string | Date).getTime()).toBeGreaterThanOrEqual(since - 1_000);
    expect(row.rolled_back_at).toBeNull();
    expect(Number(row.applied_steps_count)).toBe(1);
  }
}

describe("providerForUrl", () => {
  it("maps URLs to providers and rejects others", () => {
    expect(providerForUrl("file:./data/app.db")).toBe("sqlite");
    expect(providerForUrl("postgresql://u@h:5432/db")).toBe("postgresql");
    expect(providerForUrl("postgres://u@h/db")).toBe("postgresql");
    expect(() => providerForUrl("mysql://u@h/db")).toThrow(/Unsupported database URL/);
  });
});

describe("SQLite: migrateDatabase on a fresh file", () => {
  let tmp: string;
  let file: string;
  let url: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-test-"));
    // Relative and in a folder that does not exist yet, like the default file:./data/app.db.
    file = path.join(tmp, "nested", "app.db");
    url = `file:${path.relative(process.cwd(), file)}`;
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function query<T>(sql: string): T[] {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }

  it("applies the committed migrations and records them as prisma migrate does", async () => {
    const since = Date.now();
    const lines: string[] = [];
    const { applied } = await migrateDatabase({ url, log: (l) => lines.push(l) });

    const expected = committedMigrations("sqlite").map((m) => m.name);
    expect(applied).toEqual(expected);
    expect(fs.existsSync(file)).toBe(true);
    expect(lines).toContain(`Applied migration ${expected[0]}`);

    for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
      const info = query<{ name: string }>(`PRAGMA table_info("${table}")`);
      expect(info.map((c) => c.name).sort(), table).toEqual([...columns].sort());
    }
    expectRecorded(query<MigrationRow>("SELECT * FROM _prisma_migrations ORDER BY migration_name"), "sqlite", since);
  });

  it("applies nothing on a second run", async () => {
    const { applied } = await migrateDatabase({ url });
    expect(applied).toEqual([]);
    const [row] = take(query<{ n: number }>("SELECT count(*) AS n FROM _prisma_migrations"), 1);
    expect(row.n).toBe(committedMigrations("sqlite").length);
  });
});

// These need a PostgreSQL server: they run only when TEST_DATABASE_URL is a postgresql:// URL
// (e.g. postgresql://postgres@127.0.0.1:5432/postgres), and create fresh databases next to it.
// Without it they are reported as skipped.
const pgUrl = postgresTestUrl;

describe("PostgreSQL: migrateDatabase on a fresh database", runIf(Boolean(pgUrl), NEEDS_POSTGRES), () => {
  const admin = () => new pg.Client({ connectionString: pgUrl });
  const created: string[] = [];

  /** Creates an empty database on the test server and returns its URL. */
  async function freshDatabase(): Promise<string> {
    const name = `migrate_test_${crypto.randomBytes(6).toString("hex")}`;
    const client = admin();
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    created.push(name);
    const url = new URL(pgUrl as string);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async function query<T>(url: string, sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    const client = admin();
    await client.connect();
    try {
      for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });

  let url: string;

  beforeAll(async () => {
    url = await freshDatabase();
  });

  it("applies the committed migrations and records them as prisma migrate does", async () => {
    const since = Date.now();
    const { applied } = await migrateDatabase({ url });
    expect(applied).toEqual(committedMigrations("postgresql").map((m) => m.name));

    const columns = await query<{ table_name: string; column_name: string }>(
      url,
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       ORDER BY table_name, ordinal_position`,
    );
    const byTable: Record<string, string[]> = {};
    for (const c of columns) (byTable[c.table_name] ??= []).push(c.column_name);
    expect(sortedColumns(byTable)).toEqual(sortedColumns(EXPECTED_COLUMNS));

    expectRecorded(
      await query<MigrationRow>(url, "SELECT * FROM _prisma_migrations ORDER BY migration_name"),
      "postgresql",
      since,
    );
  });

  it("stores the trigger functions whole, semicolons and all, though the engine splits scripts on them", async () => {
    const functions = await query<{ proname: string; prosrc: string }>(
      url,
      "SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'processes_%' ORDER BY proname",
    );
    expect(functions.map((f) => f.proname)).toEqual([
      "processes_changed",
      "processes_deleted",
      "processes_inserted",
      "processes_outside_update",
      "processes_truncating",
      "processes_updated",
    ]);
    for (const f of functions) expect(f.prosrc).toMatch(/\n {2}RETURN (NULL|NEW);\nEND$/);
    const triggers = await query<{ tgname: string }>(
      url,
      "SELECT tgname FROM pg_trigger WHERE tgrelid = 'processes'::regclass AND NOT tgisinternal ORDER BY tgname",
    );
    expect(triggers.map((t) => t.tgname)).toEqual([
      "processes_changed",
      "processes_deleted",
      "processes_inserted",
      "processes_outside_update",
      "processes_truncating",
      "processes_updated",
    ]);
  });

  it("applies nothing on a second run", async () => {
    const { applied } = await migrateDatabase({ url });
    expect(applied).toEqual([]);
  });

  it("lets concurrent callers both succeed, recording each migration once", async () => {
    const fresh = await freshDatabase();
    const results = await Promise.all([migrateDatabase({ url: fresh }), migrateDatabase({ url: fresh })]);

    const names = committedMigrations("postgresql").map((m) => m.name);
    // The lock serializes them: one applies everything, the other finds nothing left.
    const applied = results.map((r) => r.applied).sort((a, b) => b.length - a.length);
    expect(applied).toEqual([names, []]);
    const rows = await query<{ migration_name: string; n: string }>(
      fresh,
      "SELECT migration_name, count(*) AS n FROM _prisma_migrations GROUP BY migration_name ORDER BY 1",
    );
    expect(rows).toEqual(names.map((name) => ({ migration_name: name, n: "1" })));
  });

  it("waits while another instance holds the migration lock", async () => {
    const fresh = await freshDatabase();
    const holder = new pg.Client({ connectionString: fresh });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
    let finished = false;
    const running = migrateDatabase({ url: fresh }).finally(() => {
      finished = true;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finished).toBe(false);
      const [{ table }] = take(
        await query<{ table: string | null }>(fresh, "SELECT to_regclass('_prisma_migrations')::text AS table"),
        1,
      );
      expect(table).toBeNull();
    } finally {
      await holder.end();
    }
    expect((await running).applied).toEqual(committedMigrations("postgresql").map((m) => m.name));
  });
});

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import Database from "better-sqlite3";

// SQLite's side: the copy is one VACUUM INTO, which reads a single snapshot while the server keeps writing (WAL
// lets a reader and a writer work at once). better-sqlite3's backup() was the other candidate: SQLite restarts it
// whenever another connection writes, so under a steady stream of PUTs a large file might never finish.

export type DatabaseFacts = { migrations: string[]; rows: Record<string, number> };

const MIGRATIONS_SQL =
  "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name";

/** Applied migrations and rows per table of an SQLite file (empty when it has no tables yet). */
export function sqliteFacts(file: string): DatabaseFacts {
  if (!existsSync(file)) return { migrations: [], rows: {} };
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    const tables = (
      sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const migrations = tables.includes("_prisma_migrations")
      ? (sqlite.prepare(MIGRATIONS_SQL).all() as { name: string }[]).map((m) => m.name)
      : [];
    const rows: Record<string, number> = {};
    for (const table of tables.filter((t) => t !== "_prisma_migrations"))
      rows[table] = (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return { migrations, rows };
  } finally {
    sqlite.close();
  }
}

// Run by a child Node process: VACUUM INTO is one synchronous statement, which would stop a server's event loop
// for as long as the copy takes.
const VACUUM_SCRIPT = `const Database = require("better-sqlite3");
const db = new Database(process.env.BACKUP_SOURCE, { fileMustExist: true, timeout: 10000 });
try { db.prepare("VACUUM INTO ?").run(process.env.BACKUP_TARGET); } finally { db.close(); }`;

/** A consistent copy of the live file into `target` (which must not exist), made by a child process. */
export function snapshotSqlite(source: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", VACUUM_SCRIPT], {
      cwd: process.cwd(),
      env: { ...process.env, BACKUP_SOURCE: source, BACKUP_TARGET: target },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `the SQLite copy failed: ${
                err
                  .trim()
                  .split("\n")
                  .find((l) => /Error/.test(l)) ?? err.trim()
              }`,
            ),
          ),
    );
  });
}

/** SQLite's own check of a copy: "ok", or the first problems it found. */
export function checkSqliteFile(file: string): string {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite.prepare("PRAGMA integrity_check(5)").all() as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    sqlite.close();
  }
}

/**
 * Replaces the database at `target` with the copy in `source`, through SQLite's backup API: it takes the write
 * lock of the target, so a server that has the file open sees the old database or the new one, never a mix.
 */
export async function restoreSqlite(source: string, target: string): Promise<void> {
  const copy = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step: one lock, rather than steps that a running server's writes would restart.
    await copy.backup(target, { progress: () => 1_000_000_000 });
  } finally {
    copy.close();
  }
}

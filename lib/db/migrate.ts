import { createHash } from "node:crypto";
import fs from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { NO_FILTERS, openSchemaEngine, withPanicMessage, type Log } from "./schema-engine";
import { providerForUrl, sqliteFilePath, type DatabaseProvider } from "./url";

// Prisma's native schema engine cannot be downloaded on our machines, so migrations run through
// its WebAssembly build and a driver adapter. The result (tables and `_prisma_migrations` rows)
// is what `prisma migrate deploy` writes, so either tool can take over a database.

// Everything that uses this module (server, scripts, tests) runs from the project root.
export function schemaFile(provider: DatabaseProvider): string {
  return path.join(process.cwd(), "prisma", provider, "schema.prisma");
}

export function migrationsDir(provider: DatabaseProvider): string {
  return path.join(process.cwd(), "prisma", provider, "migrations");
}

/** Reads a migrations folder into the engine's input, the way the Prisma CLI does. */
export async function readMigrationsList(baseDir: string): Promise<MigrationList> {
  const lockPath = "migration_lock.toml";
  const lockContent = await readFile(path.join(baseDir, lockPath), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(path.join(baseDir, name, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        ),
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: lockPath, content: lockContent },
    migrationDirectories,
    shadowDbInitScript: "",
  };
}

// ---- Adapters -----------------------------------------------------------------------------

/** SQLite adapter for a `file:` URL; creates the file's folder so a fresh install just works. */
export function sqliteAdapterFactory(url: string): PrismaBetterSqlite3 {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaBetterSqlite3({ url: file });
}

export function postgresAdapterFactory(url: string): PrismaPg {
  return new PrismaPg({ connectionString: url, connectionTimeoutMillis: 10_000 });
}

// Must differ from the key Prisma's engine takes itself (72707369) during the apply: the engine
// would otherwise wait on our own session's lock.
export const MIGRATION_LOCK_KEY = 4_317_202_611;

/**
 * Several app instances may start at once against one PostgreSQL database: the lock makes the
 * later ones wait and then find nothing to apply, instead of racing on the same migration.
 */
async function withPostgresMigrationLock<T>(url: string, run: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A dropped connection must fail the migration, not crash the process with an unhandled event.
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
    return await run();
  } finally {
    // Ending the session releases the lock, even when the apply failed half-way.
    await client.end();
  }
}

// ---- Migrate ------------------------------------------------------------------------------

/**
 * Applies the committed migrations of the URL's provider (prisma/<provider>/migrations) that the
 * database has not recorded yet, and returns their names (empty when it was up to date).
 */
export async function migrateDatabase(options: {
  url: string;
  log?: Log;
  /** Only the migrations up to this one (the schema of an older release, for the upgrade tests). */
  until?: string;
}): Promise<{ applied: string[] }> {
  const { url, log, until } = options;
  const provider = providerForUrl(url);
  const dir = migrationsDir(provider);
  if (!fs.existsSync(dir)) {
    throw new Error(`No migrations folder at ${dir} (run from the project root)`);
  }
  const started = performance.now();
  const migrationsList = await readMigrationsList(dir);
  if (until !== undefined) {
    const end = migrationsList.migrationDirectories.findIndex((d) => d.path === until);
    if (end < 0) throw new Error(`No migration named ${until} in ${dir}`);
    migrationsList.migrationDirectories = migrationsList.migrationDirectories.slice(0, end + 1);
  }
  if (await allRecorded(provider, url, migrationsList)) return { applied: [] };
  const apply = () => applyMigrations(provider, url, migrationsList, log);
  const applied = provider === "postgresql" ? await withPostgresMigrationLock(url, apply) : await apply();
  const ms = Math.round(performance.now() - started);
  log?.(`${applied.length} migration(s) applied to the ${provider} database in ${ms} ms`);
  return { applied };
}

/** The committed migrations (prisma/<provider>/migrations) the database has not recorded as applied. */
export async function pendingMigrations(options: { url: string }): Promise<string[]> {
  const provider = providerForUrl(options.url);
  return unrecorded(provider, options.url, await readMigrationsList(migrationsDir(provider)));
}

async function allRecorded(provider: DatabaseProvider, url: string, list: MigrationList): Promise<boolean> {
  return (await unrecorded(provider, url, list)).length === 0;
}

/**
 * The migrations of the list the database has not recorded, finished and with the same checksum.
 * Read with the plain driver, so that a CLI run beside a running server (which holds the SQLite file)
 * needs no schema engine and no write lock when there is nothing to apply.
 */
async function unrecorded(provider: DatabaseProvider, url: string, list: MigrationList): Promise<string[]> {
  const wanted = new Map(
    list.migrationDirectories.map((d) => [
      d.path,
      d.migrationFile.content.tag === "ok"
        ? createHash("sha256").update(d.migrationFile.content.value).digest("hex")
        : "",
    ]),
  );
  const sql =
    "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";
  let rows: { migration_name: string; checksum: string }[];
  try {
    if (provider === "sqlite") {
      const file = sqliteFilePath(url);
      if (!fs.existsSync(file)) return [...wanted.keys()];
      const sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
      try {
        rows = sqlite.prepare(sql).all() as typeof rows;
      } finally {
        sqlite.close();
      }
    } else {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
      client.on("error", () => {});
      await client.connect();
      try {
        rows = (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    }
  } catch {
    // No _prisma_migrations table yet (or unreadable): let the engine decide.
    return [...wanted.keys()];
  }
  const recorded = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  return [...wanted].filter(([name, checksum]) => recorded.get(name) !== checksum).map(([name]) => name);
}

async function applyMigrations(
  provider: DatabaseProvider,
  url: string,
  migrationsList: MigrationList,
  log: Log | undefined,
): Promise<string[]> {
  const factory = provider === "sqlite" ? sqliteAdapterFactory(url) : postgresAdapterFactory(url);
  const { engine, close } = await openSchemaEngine(factory, { log });
  try {
    const output = await withPanicMessage(() => engine.applyMigrations({ migrationsList, filters: NO_FILTERS })).catch(
      (error: unknown) => {
        // The engine takes SQLite's exclusive locking mode, which waits out every other open connection.
        if (provider === "sqlite" && /SocketTimeout|SQLITE_BUSY|database is locked/.test(String(error))) {
          throw new Error(
            "The SQLite database is in use (a running server?): stop it to apply new migrations; the server applies them itself when it starts",
            { cause: error },
          );
        }
        throw error;
      },
    );
    for (const name of output.appliedMigrationNames) log?.(`Applied migration ${name}`);
    return output.appliedMigrationNames;
  } finally {
    await close();
  }
}

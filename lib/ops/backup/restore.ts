import "server-only";
import { createHash } from "node:crypto";
import { closeSync, createReadStream, createWriteStream, openSync, readSync, rmSync } from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { migrateDatabase, migrationsDir, readMigrationsList } from "@/lib/db/migrate";
import { providerForUrl, sqliteFilePath } from "@/lib/db/url";
import { workFolderBeside } from "./backup";
import { backupManifestSchema, BACKUP_FORMAT, MANIFEST_MEMBER, PAYLOAD_MEMBER, type BackupManifest } from "./manifest";
import { describePostgresUrl, postgresFacts, restorePostgres } from "./postgres";
import { checkSqliteFile, restoreSqlite, sqliteFacts, type DatabaseFacts } from "./sqlite";
import { listTarMembers, type TarMember } from "./tar";

// npm run cli -- db:restore <file> [--yes] (docs/decisions/037-backup-and-restore.md).

export class BackupRefused extends Error {}

function readMember(file: string, member: TarMember): Buffer {
  const fd = openSync(file, "r");
  try {
    const bytes = Buffer.alloc(member.size);
    readSync(fd, bytes, 0, member.size, member.offset);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** The manifest of a backup file and where its database copy lies; refuses what is not one of our backups. */
export function readBackup(file: string): { manifest: BackupManifest; payload: TarMember } {
  const members = listTarMembers(file);
  const first = members[0];
  if (first?.name !== MANIFEST_MEMBER || first.size > 1_000_000)
    throw new BackupRefused(`not a backup: ${file} does not start with ${MANIFEST_MEMBER}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readMember(file, first).toString("utf8"));
  } catch {
    throw new BackupRefused("not a backup: its manifest is not JSON");
  }
  if ((raw as { format?: unknown })?.format !== BACKUP_FORMAT) throw new BackupRefused("not a backup of this app");
  const parsed = backupManifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BackupRefused(
      `the backup's manifest is of an unknown version or damaged: ${parsed.error.issues[0]?.message}`,
    );
  if (parsed.data.payload.member !== PAYLOAD_MEMBER[parsed.data.provider])
    throw new BackupRefused(
      `the backup's manifest names ${parsed.data.payload.member} for a ${parsed.data.provider} database`,
    );
  const payload = members.find((m) => m.name === parsed.data.payload.member);
  if (!payload) throw new BackupRefused(`the backup holds no ${parsed.data.payload.member}`);
  return { manifest: parsed.data, payload };
}

/** What the target database holds now (for the message before the restore replaces it). */
export async function targetFacts(url: string): Promise<DatabaseFacts & { where: string }> {
  if (providerForUrl(url) === "sqlite") {
    const file = sqliteFilePath(url);
    return { ...sqliteFacts(file), where: `SQLite file ${file}` };
  }
  return { ...(await postgresFacts(url)), where: describePostgresUrl(url) };
}

/** Refuses a backup this release cannot restore: another provider, or a schema newer than its migrations. */
export async function checkCompatible(manifest: BackupManifest, url: string): Promise<void> {
  const provider = providerForUrl(url);
  if (manifest.provider !== provider)
    throw new BackupRefused(
      `the backup is of a ${manifest.provider} database and DATABASE_URL names a ${provider} one`,
    );
  const known = new Set((await readMigrationsList(migrationsDir(provider))).migrationDirectories.map((d) => d.path));
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0)
    throw new BackupRefused(
      `the backup is from a newer release (schema ${manifest.schemaVersion}); this release does not know the migration(s) ${unknown.join(", ")}: install that release or a later one to restore it`,
    );
}

/** Copies the database out of the backup into `work`, checking its SHA-256 on the way; refuses a mismatch. */
export async function extractVerified(
  file: string,
  manifest: BackupManifest,
  payload: TarMember,
  work: string,
): Promise<string> {
  if (payload.size !== manifest.payload.bytes)
    throw new BackupRefused(
      `the backup fails its check: ${payload.size} bytes where the manifest says ${manifest.payload.bytes}`,
    );
  const hash = createHash("sha256");
  const copy = path.join(work, manifest.payload.member);
  const tap = new Transform({ transform: (chunk: Buffer, _, done) => (hash.update(chunk), done(null, chunk)) });
  const end = payload.offset + payload.size - 1;
  await pipeline(
    payload.size === 0 ? [] : createReadStream(file, { start: payload.offset, end }),
    tap,
    createWriteStream(copy),
  );
  const sha256 = hash.digest("hex");
  if (sha256 !== manifest.payload.sha256)
    throw new BackupRefused(
      `the backup fails its check: SHA-256 ${sha256} where the manifest says ${manifest.payload.sha256}`,
    );
  if (manifest.provider === "sqlite") {
    const integrity = checkSqliteFile(copy);
    if (integrity !== "ok") throw new BackupRefused(`the backup fails SQLite's integrity check: ${integrity}`);
  }
  return copy;
}

/**
 * Puts a verified copy in place of the database at `url` (see sqlite.ts and postgres.ts for how), and brings it
 * to this release's schema; returns the migrations that applied. An SQLite copy is migrated before it replaces
 * anything: the schema engine needs the file to itself, which a running server's never is.
 */
export async function replaceDatabase(url: string, copy: string, work: string): Promise<string[]> {
  if (providerForUrl(url) === "sqlite") {
    const { applied } = await migrateDatabase({ url: `file:${copy}` });
    await restoreSqlite(copy, sqliteFilePath(url));
    return applied;
  }
  await restorePostgres(url, copy, path.join(work, "restore.sql"));
  return (await migrateDatabase({ url })).applied;
}

/** Runs `work` with a work folder beside the target (SQLite) or the backup, removed afterwards. */
export async function withWorkFolder<T>(url: string, file: string, work: (folder: string) => Promise<T>): Promise<T> {
  const beside = providerForUrl(url) === "sqlite" ? sqliteFilePath(url) : file;
  const folder = workFolderBeside(beside);
  try {
    return await work(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

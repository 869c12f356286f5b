import "server-only";
import { createHash } from "node:crypto";
import {
  existsSync,
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { providerForUrl, sqliteFilePath } from "@/lib/db/url";
import { BACKUP_FORMAT, MANIFEST_MEMBER, PAYLOAD_MEMBER, type BackupManifest } from "./manifest";
import { dumpPostgres } from "./postgres";
import { snapshotSqlite, sqliteFacts, type DatabaseFacts } from "./sqlite";
import { tarEnd, tarHeader, tarPadding } from "./tar";

// npm run cli -- db:backup <file>, and the server's scheduled backups (docs/decisions/037-backup-and-restore.md).

const APP_VERSION = "plant-processes";

/** A work folder beside `file` (same volume: the finished backup is renamed into place, never seen half-written). */
export function workFolderBeside(file: string): string {
  const folder = path.dirname(path.resolve(file));
  mkdirSync(folder, { recursive: true });
  return mkdtempSync(path.join(folder, ".backup-work-"));
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/** Copies the database into `work`; returns the copy and the facts of exactly that copy. */
async function copyDatabase(
  url: string,
  work: string,
): Promise<{ copy: string; facts: DatabaseFacts; madeBy: string }> {
  const provider = providerForUrl(url);
  const copy = path.join(work, PAYLOAD_MEMBER[provider]);
  if (provider === "sqlite") {
    if (!existsSync(sqliteFilePath(url))) throw new Error(`no SQLite database at ${sqliteFilePath(url)}`);
    await snapshotSqlite(sqliteFilePath(url), copy);
    return { copy, facts: sqliteFacts(copy), madeBy: `${APP_VERSION} (SQLite VACUUM INTO)` };
  }
  const { madeBy, ...facts } = await dumpPostgres(url, copy);
  return { copy, facts, madeBy: `${APP_VERSION} (${madeBy})` };
}

async function writeArchive(file: string, manifest: BackupManifest, copy: string): Promise<void> {
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + "\n");
  const now = new Date(manifest.createdAt);
  const out = createWriteStream(file, { flags: "wx", mode: 0o600 });
  out.write(tarHeader(MANIFEST_MEMBER, manifestBytes.length, now));
  out.write(manifestBytes);
  out.write(tarPadding(manifestBytes.length));
  out.write(tarHeader(manifest.payload.member, manifest.payload.bytes, now));
  await pipeline(createReadStream(copy), out, { end: false });
  out.write(tarPadding(manifest.payload.bytes));
  out.end(tarEnd());
  await new Promise<void>((resolve, reject) => out.once("close", resolve).once("error", reject));
}

/**
 * Writes a backup of the database at `url` to `file` (refused if it exists): a consistent copy taken while the
 * server serves, with its schema version, row counts and SHA-256 in the manifest. The file appears only complete.
 */
export async function createBackup(options: { url: string; file: string }): Promise<BackupManifest> {
  const file = path.resolve(options.file);
  try {
    statSync(file);
    throw new Error(`${file} exists already: choose a new file name (a backup never overwrites one)`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const work = workFolderBeside(file);
  try {
    const createdAt = new Date().toISOString();
    const provider = providerForUrl(options.url);
    const { copy, facts, madeBy } = await copyDatabase(options.url, work);
    if (facts.migrations.length === 0) throw new Error("the database has no applied migrations: nothing to back up");
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      provider,
      createdAt,
      schemaVersion: facts.migrations.at(-1)!,
      migrations: facts.migrations,
      rows: facts.rows,
      payload: { member: PAYLOAD_MEMBER[provider], bytes: statSync(copy).size, sha256: await sha256Of(copy) },
      madeBy,
    };
    const partial = path.join(work, "backup.tar");
    await writeArchive(partial, manifest, copy);
    renameSync(partial, file);
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

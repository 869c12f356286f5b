// db:backup and db:restore, loaded by scripts/cli.ts only when one of them runs.
import { env } from "@/lib/env";
import { createBackup } from "@/lib/ops/backup/backup";
import type { BackupManifest } from "@/lib/ops/backup/manifest";
import {
  checkCompatible,
  extractVerified,
  readBackup,
  replaceDatabase,
  targetFacts,
  withWorkFolder,
} from "@/lib/ops/backup/restore";
import { renewDatabaseEpoch } from "@/lib/processes/database-epoch";

const rowsText = (rows: Record<string, number>) =>
  Object.keys(rows).length === 0
    ? "no tables"
    : Object.entries(rows)
        .map(([table, n]) => `${table} ${n}`)
        .join(", ");

const summary = (m: BackupManifest) =>
  `made ${m.createdAt} (${m.madeBy}), schema ${m.schemaVersion}, ${m.payload.bytes} bytes, SHA-256 ${m.payload.sha256}`;

export async function backupCommand(file: string): Promise<void> {
  const manifest = await createBackup({ url: env.DATABASE_URL, file });
  console.log(`Wrote ${file}: ${summary(manifest)}\n  rows: ${rowsText(manifest.rows)}`);
}

/** Checks the backup, says what it replaces, and replaces it only with `yes`. Returns the exit code. */
export async function restoreCommand(file: string, yes: boolean): Promise<number> {
  const { manifest, payload } = readBackup(file);
  await checkCompatible(manifest, env.DATABASE_URL);
  return withWorkFolder(env.DATABASE_URL, file, async (work) => {
    const copy = await extractVerified(file, manifest, payload, work);
    const target = await targetFacts(env.DATABASE_URL);
    console.log(
      [
        `Backup ${file}: ${summary(manifest)}; its check passed`,
        `  rows: ${rowsText(manifest.rows)}`,
        `It replaces everything in ${target.where} (schema ${target.migrations.at(-1) ?? "none"})`,
        `  rows now: ${rowsText(target.rows)}`,
      ].join("\n"),
    );
    if (!yes) {
      console.error("Nothing changed: run the same command with --yes to replace the database");
      return 2;
    }
    const applied = await replaceDatabase(env.DATABASE_URL, copy, work);
    // Open pages and integrations must not take the restored history's ids for ones they have seen.
    const epoch = await renewDatabaseEpoch();
    console.log(
      `Restored. ${applied.length > 0 ? `Applied this release's newer migrations: ${applied.join(", ")}. ` : ""}` +
        `The database's epoch is now ${epoch}: event streams reset and open pages fetch the list again.`,
    );
    return 0;
  });
}

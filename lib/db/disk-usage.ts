import "server-only";
import { stat, statfs } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { sqliteFilePath } from "@/lib/db/url";
import { databaseProvider, env } from "@/lib/env";
import type { Health } from "@/lib/validations/health";

// Disk usage for /api/health (issue 18: the history can fill the disk): the database's size, and on SQLite
// the free space of its volume (PostgreSQL's volume is the database server's to watch), with warnings past
// DISK_FREE_WARN_MB and DATABASE_SIZE_WARN_MB. Read at most every few seconds, however often health is asked.

export type DiskUsage = Health["storage"];

const MB = 1024 * 1024;
const FRESH_MS = 5_000;
let cached: { at: number; usage: DiskUsage } | null = null;

const sizeOf = (file: string) =>
  stat(file).then(
    (s) => s.size,
    () => 0,
  );

async function measure(): Promise<{ databaseBytes: number | null; freeBytes: number | null }> {
  if (databaseProvider === "sqlite") {
    const file = sqliteFilePath(env.DATABASE_URL);
    const sizes = await Promise.all([file, `${file}-wal`, `${file}-shm`].map(sizeOf));
    const { bavail, bsize } = await statfs(path.dirname(file));
    return { databaseBytes: sizes.reduce((a, b) => a + b, 0), freeBytes: Number(bavail) * Number(bsize) };
  }
  const [row] = await db.$queryRawUnsafe<{ bytes: bigint | number | string }[]>(
    "SELECT pg_database_size(current_database()) AS bytes",
  );
  return { databaseBytes: row ? Number(row.bytes) : null, freeBytes: null };
}

function warningsFor(usage: { databaseBytes: number | null; freeBytes: number | null }): string[] {
  const warnings: string[] = [];
  const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
  if (usage.freeBytes !== null && usage.freeBytes < env.DISK_FREE_WARN_MB * MB)
    warnings.push(`the database's volume has ${mb(usage.freeBytes)} free (warning below ${env.DISK_FREE_WARN_MB} MB)`);
  if (env.DATABASE_SIZE_WARN_MB && usage.databaseBytes !== null && usage.databaseBytes > env.DATABASE_SIZE_WARN_MB * MB)
    warnings.push(`the database holds ${mb(usage.databaseBytes)} (warning above ${env.DATABASE_SIZE_WARN_MB} MB)`);
  return warnings;
}

/** The database's size, its volume's free space (SQLite) and warnings; nulls where it cannot be read now. */
export async function diskUsage(): Promise<DiskUsage> {
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.usage;
  const measured = await measure().catch(() => ({ databaseBytes: null, freeBytes: null }));
  const usage = { ...measured, warnings: warningsFor(measured) };
  cached = { at: Date.now(), usage };
  return usage;
}

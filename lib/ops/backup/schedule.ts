import "server-only";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { errorFields, logger } from "@/lib/logger";
import { noteBackup } from "@/lib/metrics/ops-metrics";
import { createBackup } from "./backup";

// Scheduled backups (BACKUP_DIR, BACKUP_INTERVAL, BACKUP_KEEP): one every interval from the start, named by its
// time so that names sort by age; after each, all but the newest BACKUP_KEEP of them are removed.

const NAME = /^processes-\d{8}T\d{6}Z\.tar$/;
const fileName = (at: Date) =>
  `processes-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}.tar`;

/** Removes all but the newest `keep` scheduled backups in `dir` (other files are left alone). */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const ours = (await readdir(dir)).filter((n) => NAME.test(n)).sort();
  const old = ours.slice(0, Math.max(0, ours.length - keep));
  await Promise.all(old.map((n) => rm(path.join(dir, n), { force: true })));
  return old;
}

export async function runScheduledBackup(): Promise<void> {
  const dir = env.BACKUP_DIR!;
  const file = path.join(dir, fileName(new Date()));
  const started = performance.now();
  try {
    const manifest = await createBackup({ url: env.DATABASE_URL, file });
    const removed = await pruneBackups(dir, env.BACKUP_KEEP);
    noteBackup({ ok: true, seconds: (performance.now() - started) / 1000 });
    logger.info("backup written", { file, bytes: manifest.payload.bytes, schema: manifest.schemaVersion, removed });
  } catch (error) {
    noteBackup({ ok: false, seconds: (performance.now() - started) / 1000 });
    logger.error("scheduled backup failed", { file, ...errorFields(error) });
  }
}

let timer: NodeJS.Timeout | undefined;
let running: Promise<void> | null = null;

/** Starts the schedule when BACKUP_DIR is set (once per process); a backup still running skips its next turn. */
export function startScheduledBackups(): void {
  if (!env.BACKUP_DIR || timer) return;
  timer = setInterval(() => {
    running ??= runScheduledBackup().finally(() => (running = null));
  }, env.BACKUP_INTERVAL);
  timer.unref();
  logger.info("scheduled backups", { dir: env.BACKUP_DIR, intervalMs: env.BACKUP_INTERVAL, keep: env.BACKUP_KEEP });
}

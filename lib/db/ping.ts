import "server-only";
import { db } from "@/lib/db/client";
import { storageProblem } from "@/lib/db/storage";
import { databaseProvider, env } from "@/lib/env";
import type { Health } from "@/lib/validations/health";

export type DatabaseHealth = Health["database"];

async function check(): Promise<string | null> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    return "the database does not answer";
  }
  return storageProblem().catch(() => "the database does not answer");
}

/**
 * Whether the database is usable: it answers a trivial query within its deadline (DB_TIMEOUT_MS), and on
 * SQLite its disk has room to write (lib/db/storage.ts).
 */
export async function pingDatabase(): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("the database did not answer in time"), env.DB_TIMEOUT_MS);
  });
  const problem = await Promise.race([check(), timeout]);
  clearTimeout(timer);
  const latencyMs = Math.round(performance.now() - started);
  return { ok: problem === null, provider: databaseProvider, latencyMs, ...(problem ? { problem } : {}) };
}

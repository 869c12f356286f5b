import "server-only";
import { db } from "@/lib/db/client";
import { storageProblem } from "@/lib/db/storage";
import { databaseProvider, env } from "@/lib/env";
import type { Health } from "@/lib/validations/health";

export type DatabaseHealth = Health["database"];

type Check = { problem: string | null; error?: unknown };

async function check(): Promise<Check> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { problem: await storageProblem() };
  } catch (error) {
    return { problem: "the database does not answer", error };
  }
}

/**
 * Whether the database is usable: it answers a trivial query within its deadline (DB_TIMEOUT_MS), and on
 * SQLite its disk has room to write (lib/db/storage.ts). `error` is what failed, for the server's log only.
 */
export async function pingDatabase(): Promise<{ health: DatabaseHealth; error?: unknown }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          problem: "the database did not answer in time",
          error: new Error(`no answer within DB_TIMEOUT_MS (${env.DB_TIMEOUT_MS} ms)`),
        }),
      env.DB_TIMEOUT_MS,
    );
  });
  const { problem, error } = await Promise.race([check(), timeout]);
  clearTimeout(timer);
  const latencyMs = Math.round(performance.now() - started);
  const health = { ok: problem === null, provider: databaseProvider, latencyMs, ...(problem ? { problem } : {}) };
  return { health, ...(problem ? { error: error ?? new Error(problem) } : {}) };
}

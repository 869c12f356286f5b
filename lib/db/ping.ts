import "server-only";
import { db } from "@/lib/db/client";
import { databaseProvider } from "@/lib/env";

const PING_TIMEOUT_MS = 2_000;

/** Whether the database answers a trivial query within two seconds. */
export async function pingDatabase(): Promise<{ ok: boolean; provider: string; latencyMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
  const ok = await Promise.race([
    db.$queryRawUnsafe("SELECT 1").then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
  clearTimeout(timer);
  return { ok, provider: databaseProvider, latencyMs: Math.round(performance.now() - started) };
}

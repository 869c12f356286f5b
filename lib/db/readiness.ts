import "server-only";
import { db } from "@/lib/db/client";
import { pendingMigrations } from "@/lib/db/migrate";
import { pingDatabase } from "@/lib/db/ping";
import { env } from "@/lib/env";
import { isDatabasePrepared } from "@/lib/front-door/server-handshake";
import type { Readiness } from "@/lib/validations/health";

function withinDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within DB_TIMEOUT_MS (${env.DB_TIMEOUT_MS} ms)`)),
      env.DB_TIMEOUT_MS,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * A real write that changes nothing: the epoch row set to itself. It takes the write lock and writes the journal
 * (SQLite) or a row version (PostgreSQL), so a read-only, full or locked database is not ready.
 */
async function canWrite(): Promise<boolean> {
  const updated = await withinDeadline(db.$executeRawUnsafe("UPDATE database_epoch SET value = value WHERE id = 1"));
  return updated === 1;
}

/**
 * Whether this instance can serve: its boot prepared the database, the database answers and takes a write, and
 * every committed migration is applied. `problems` names what is not so (the log keeps the errors themselves).
 */
export async function checkReadiness(): Promise<{ readiness: Readiness; errors: unknown[] }> {
  const errors: unknown[] = [];
  const problems: string[] = [];
  const boot = isDatabasePrepared();
  if (!boot) problems.push("the start has not prepared the database yet");
  const { health, error } = await pingDatabase();
  if (error !== undefined) errors.push(error);
  if (health.problem) problems.push(health.problem);
  const write = health.ok && (await canWrite().catch((e: unknown) => (errors.push(e), false)));
  if (health.ok && !write) problems.push("the database does not take a write");
  const pending = health.ok ? await pendingMigrations({ url: env.DATABASE_URL }).catch(() => null) : null;
  const migrations = pending !== null && pending.length === 0;
  if (pending === null && health.ok) problems.push("the applied migrations cannot be read");
  else if (pending !== null && pending.length > 0) problems.push(`migrations not applied: ${pending.join(", ")}`);
  const ready = boot && health.ok && write && migrations;
  return {
    readiness: {
      status: ready ? "ready" : "not ready",
      checks: { boot, database: health.ok, write, migrations },
      problems,
    },
    errors,
  };
}

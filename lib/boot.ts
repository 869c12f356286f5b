import "server-only";
import { db } from "@/lib/db/client";
import { bootFinished, databasePrepared, runsBehindServer } from "@/lib/front-door/server-handshake";
import { migrateDatabase } from "@/lib/db/migrate";
import { startDirectoryRechecks } from "@/lib/auth/ldap/directory-recheck";
import { databaseProvider, env } from "@/lib/env";
import { errorFields, logger } from "@/lib/logger";
import { startScheduledBackups } from "@/lib/ops/backup/schedule";
import { seedDemoProcesses } from "@/lib/processes/seed-demo-processes";
import { startTrailSchedule } from "@/lib/trail/trail-schedule";
import { startMqttPublisher } from "@/lib/mqtt/mqtt-publisher";
import { startDeliveryWorker } from "@/lib/webhooks/delivery-worker";
import { bootstrapAdmin, ConfigurationError } from "@/lib/users/bootstrap-admin";

const RETRY_MS = 5_000;

async function prepareDatabase(): Promise<void> {
  const { applied } = await migrateDatabase({ url: env.DATABASE_URL, log: (line) => logger.debug(line) });
  if (applied.length > 0) logger.info("migrations applied", { applied });
  if (databaseProvider === "sqlite") {
    // WAL lets readers (requests) and a writer (the CLI, another request) work at the same time.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  }
  const admin = await bootstrapAdmin({ allowGenerated: env.NODE_ENV !== "production" });
  if (admin.created && admin.generatedPassword) {
    // Printed once, to the console only (not the structured log), so the embedded default is usable at once.
    console.log(`\nFirst Super user created: ${admin.email}\nPassword (shown once): ${admin.generatedPassword}\n`);
  } else if (admin.created) logger.info("first Super user created", { email: admin.email });
  if (env.SEED_DEMO_DATA) {
    const seeded = await seedDemoProcesses();
    if (seeded > 0) logger.info("demo processes created", { count: seeded });
  }
  databasePrepared();
}

/**
 * Migrates and seeds before the first request. A database that is down at start does not stop the
 * server: it answers 1006 and /api/health 503, and preparation is retried until it succeeds. A missing
 * setting does stop it, before it listens: the server waits for this first attempt (bootFinished).
 */
export async function bootServer(): Promise<void> {
  if (!runsBehindServer()) {
    // `next start` would let clients choose their own address (X-Forwarded-For) and skip the front-door answers.
    console.error("\nCannot start: start the app with `npm start` (server.ts), not `next start`\n");
    process.exit(1);
  }
  try {
    await prepareDatabase();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`\nCannot start: ${error.message}\n`);
      process.exit(1);
    }
    logger.error("database preparation failed; retrying", { retryInMs: RETRY_MS, ...errorFields(error) });
    setTimeout(() => void bootServer(), RETRY_MS).unref();
  }
  startDirectoryRechecks();
  startScheduledBackups();
  startTrailSchedule();
  startDeliveryWorker();
  startMqttPublisher();
  bootFinished();
}

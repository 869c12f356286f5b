// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (SQLite or PostgreSQL).
import { migrateDatabase } from "../lib/db/migrate";
import { env } from "../lib/env";

async function main(): Promise<void> {
  const { applied } = await migrateDatabase({ url: env.DATABASE_URL });
  if (applied.length === 0) {
    console.log("Database is up to date");
    return;
  }
  for (const name of applied) console.log(`Applied migration ${name}`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Migration failed: ${message}`);
  process.exit(1);
});

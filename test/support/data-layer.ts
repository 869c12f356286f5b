import { vi } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { createTestDatabase, type Provider, type TestDatabase } from "@/test/support/test-database";

// The data layer in-process, against a real database: lib/env reads DATABASE_URL once, when first imported,
// and lib/db/client makes one client from it. So each database gets a fresh module graph (vi.resetModules)
// imported after DATABASE_URL names it, and the client left on globalThis (kept across hot reloads) is dropped.

export type DataLayer<T> = T & { database: TestDatabase; close: () => Promise<void> };

/**
 * Creates and migrates a fresh database of `provider`, then runs `load` (dynamic imports of the modules under
 * test) against it. `close` ends the client's connections, drops the database and restores DATABASE_URL.
 */
export async function openDataLayer<T extends object>(
  provider: Provider,
  load: () => Promise<T>,
): Promise<DataLayer<T>> {
  const database = await createTestDatabase(provider);
  await migrateDatabase({ url: database.url });
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = database.url;
  delete (globalThis as { db?: unknown }).db;
  vi.resetModules();
  const modules = await load();
  const { closeDb } = await import("@/lib/db/client");
  const { settleSealing } = await import("@/lib/trail/seal-trail");
  return {
    ...modules,
    database,
    close: async () => {
      // A seal the last writes asked for would otherwise run against the dropped database.
      await settleSealing();
      await closeDb();
      delete (globalThis as { db?: unknown }).db;
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
      await database.drop();
    },
  };
}

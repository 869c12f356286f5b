import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { databaseProvider, env } from "@/lib/env";
import { sqliteFilePath } from "@/lib/db/url";

// The two generated clients have the same model API; the SQLite one's type stands for both.
export type Db = PrismaClient;

function createClient(): Db {
  if (databaseProvider === "sqlite") {
    // A writer (the CLI, a second request) waits up to 5 s for the lock instead of failing at once.
    const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(env.DATABASE_URL), timeout: 5_000 });
    return new PrismaClient({ adapter });
  }
  const adapter = new PrismaPg({
    connectionString: env.DATABASE_URL,
    connectionTimeoutMillis: 5_000,
    max: 10,
  });
  return new PostgresClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { db?: Db };

/** The one Prisma client of the process (kept across hot reloads in development). */
export const db: Db = globalForDb.db ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.db = db;

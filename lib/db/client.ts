import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { databaseProvider, env } from "@/lib/env";
import { createPostgresPool } from "@/lib/db/postgres-pool";
import { createSqliteAdapter } from "@/lib/db/sqlite-adapter";
import { sqliteFilePath } from "@/lib/db/url";

// The two generated clients have the same model API; the SQLite one's type stands for both.
export type Db = PrismaClient;

// A transaction waits for its connection as long as a query does (half of DB_TIMEOUT_MS), and runs at most two
// statements' deadlines.
const TRANSACTION_DEADLINES = { maxWait: Math.ceil(env.DB_TIMEOUT_MS / 2), timeout: env.DB_TIMEOUT_MS * 2 };

// The PostgreSQL pool, which the adapter does not end on $disconnect: its idle connections would keep a finished
// CLI or script alive until pg's idle timeout (10 s).
let postgresPool: ReturnType<typeof createPostgresPool> | undefined;

function createClient(): Db {
  if (databaseProvider === "sqlite") {
    // A writer (the CLI, a second request) waits for the lock up to the deadline instead of failing at once.
    const adapter = createSqliteAdapter({ path: sqliteFilePath(env.DATABASE_URL), timeoutMs: env.DB_TIMEOUT_MS });
    return new PrismaClient({ adapter, transactionOptions: TRANSACTION_DEADLINES });
  }
  postgresPool = createPostgresPool({ url: env.DATABASE_URL, timeoutMs: env.DB_TIMEOUT_MS, max: 10 });
  const adapter = new PrismaPg(postgresPool);
  return new PostgresClient({ adapter, transactionOptions: TRANSACTION_DEADLINES }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { db?: Db };

/** The one Prisma client of the process (kept across hot reloads in development). */
export const db: Db = globalForDb.db ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.db = db;

/** Disconnects the client and ends its connections: a script calls it when done, and then exits at once. */
export async function closeDb(): Promise<void> {
  await db.$disconnect();
  await postgresPool?.end();
}

/** The PostgreSQL pool's connections now (for the metrics); null on SQLite. */
export function postgresPoolState(): { total: number; idle: number; waiting: number } | null {
  if (!postgresPool) return null;
  return { total: postgresPool.totalCount, idle: postgresPool.idleCount, waiting: postgresPool.waitingCount };
}

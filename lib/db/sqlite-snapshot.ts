import "server-only";
import Database from "better-sqlite3";
import { env } from "@/lib/env";
import { sqliteFilePath } from "@/lib/db/url";

// A read-only SQLite connection of its own, holding one read transaction: a consistent snapshot of the whole file
// (WAL: writers go on meanwhile) for a reader that walks a million rows (the trail's verifier). Rows come as
// arrays, without Prisma's per-row conversion, which cost five times the CPU of this path
// (docs/decisions/035). Nothing here writes.

export type SqliteSnapshot = {
  rows: (sql: string, params: unknown[]) => unknown[][];
  close: () => void;
};

export function openSqliteSnapshot(): SqliteSnapshot {
  const connection = new Database(sqliteFilePath(env.DATABASE_URL), { readonly: true, fileMustExist: true });
  connection.pragma(`busy_timeout = ${env.DB_TIMEOUT_MS}`);
  connection.exec("BEGIN");
  return {
    rows: (sql, params) =>
      connection
        .prepare(sql)
        .raw(true)
        .all(...params) as unknown[][],
    close: () => {
      connection.exec("COMMIT");
      connection.close();
    },
  };
}

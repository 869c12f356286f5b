import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "@/lib/db/url";

// Plain SQL against a test database of either provider, for suites that check what the server wrote (rows
// the API does not show: sessions, audit events). Write queries with `?` placeholders and double-quoted
// camelCase columns; both providers read them so.

export type SqlReader = {
  rows: <T>(sql: string, ...params: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
};

export async function openSqlReader(url: string): Promise<SqlReader> {
  if (url.startsWith("file:")) {
    const sqlite = new Database(sqliteFilePath(url));
    return {
      rows: async <T>(sql: string, ...params: unknown[]) => {
        const statement = sqlite.prepare(sql);
        return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
      },
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    rows: async <T>(sql: string, ...params: unknown[]) => {
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    },
    close: () => client.end(),
  };
}

import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "@/lib/db/url";

// A writer from outside the app (a plant's script, a DBA's shell): plain SQL on its own connection, as the
// triggers of docs/decisions/016 must catch. Statements use PostgreSQL's `$1` placeholders; on SQLite they
// become `?` (the parameters are passed in order). All statements of one call run in one transaction.

export type OutsideStatement = [sql: string, params?: unknown[]];

/** Runs the statements in one transaction; returns each statement's rows (empty for a statement that reads none). */
export async function runOutside(url: string, statements: OutsideStatement[]): Promise<Record<string, unknown>[][]> {
  if (url.startsWith("file:")) {
    const shell = new Database(sqliteFilePath(url));
    try {
      return shell.transaction(() =>
        statements.map(([sql, params = []]) => {
          const statement = shell.prepare(sql.replace(/\$\d+/g, "?"));
          if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
          statement.run(...params);
          return [];
        }),
      )();
    } finally {
      shell.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const results: Record<string, unknown>[][] = [];
    for (const [sql, params = []] of statements) results.push((await client.query(sql, params)).rows);
    await client.query("COMMIT");
    return results;
  } finally {
    await client.end();
  }
}

/** One outside connection kept open for many transactions (a test that makes a thousand direct changes). */
export type OutsideConnection = {
  run: (statements: OutsideStatement[]) => Promise<Record<string, unknown>[][]>;
  close: () => Promise<void>;
};

export async function openOutside(url: string): Promise<OutsideConnection> {
  if (url.startsWith("file:")) {
    const shell = new Database(sqliteFilePath(url));
    shell.pragma("busy_timeout = 5000");
    // Many small transactions: without waiting for the disk at each commit (this connection's only).
    shell.pragma("synchronous = OFF");
    return {
      run: async (statements) =>
        shell.transaction(() =>
          statements.map(([sql, params = []]) => {
            const statement = shell.prepare(sql.replace(/\$\d+/g, "?"));
            if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
            statement.run(...params);
            return [];
          }),
        )(),
      close: async () => void shell.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    run: async (statements) => {
      await client.query("BEGIN");
      try {
        const results: Record<string, unknown>[][] = [];
        for (const [sql, params = []] of statements) results.push((await client.query(sql, params)).rows);
        await client.query("COMMIT");
        return results;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    close: () => client.end(),
  };
}

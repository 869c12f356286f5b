import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "@/lib/db/url";
import type { Provider } from "@/test/support/test-database";

/** One read from another connection (as a person with a database shell would), on either provider. */
export async function sqlRows<T>(provider: Provider, url: string, sql: string): Promise<T[]> {
  if (provider === "sqlite") {
    const file = new Database(sqliteFilePath(url), { readonly: true });
    try {
      return file.prepare(sql).all() as T[];
    } finally {
      file.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

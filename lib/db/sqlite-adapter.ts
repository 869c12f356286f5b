import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

// Prisma's adapter opens every transaction with a plain BEGIN (deferred): the transaction takes SQLite's write
// lock only at its first write. If another connection (the CLI beside the server, a plant's script) commits
// between our transaction's first read and first write, SQLite refuses the write at once with SQLITE_BUSY
// (BUSY_SNAPSHOT; no busy timeout applies), and a read-then-write such as "is this email taken? then create"
// fails under load. BEGIN IMMEDIATE takes the lock first, waiting up to the busy timeout like any writer.
// Transactions in one process are already serialised by the adapter's mutex, so this costs no concurrency here.

type AdapterWithClient = { client: Database.Database };

/** The SQLite adapter factory whose transactions begin IMMEDIATE. */
export function createSqliteAdapter(options: { path: string; timeoutMs: number }): PrismaBetterSqlite3 {
  const factory = new PrismaBetterSqlite3({ url: options.path, timeout: options.timeoutMs });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as AdapterWithClient).client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) =>
      prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof client.prepare;
    return adapter;
  };
  return factory;
}

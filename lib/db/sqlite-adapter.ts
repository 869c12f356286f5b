import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

// Two changes to Prisma's SQLite adapter, made where it prepares statements:
// - BEGIN IMMEDIATE. The adapter opens every transaction with a plain BEGIN (deferred): the transaction takes
//   SQLite's write lock only at its first write. If another connection (the CLI beside the server, a plant's
//   script) commits between our transaction's first read and first write, SQLite refuses the write at once with
//   SQLITE_BUSY (BUSY_SNAPSHOT; no busy timeout applies), and a read-then-write such as "is this email taken?
//   then create" fails under load. BEGIN IMMEDIATE takes the lock first, waiting up to the busy timeout like any
//   writer. Transactions in one process are already serialised by the adapter's mutex: no concurrency is lost.
// - Statements prepared once. The adapter prepares every statement anew, each time it runs: a third of the
//   SQLite time of a single-process PUT (issue 25, docs/decisions/046). Prepared statements are kept per SQL
//   text, the least recently used dropped past STATEMENT_CACHE_SIZE; SQLite re-prepares one by itself after a
//   schema change. better-sqlite3 runs a statement to its end synchronously, so one is never in use twice.

type AdapterWithClient = { client: Database.Database };

/** Statements kept per connection: the app's own SQL is a few dozen texts; IN lists of every length make more. */
export const STATEMENT_CACHE_SIZE = 500;

/** What the adapter uses of a statement: bound once per run (better-sqlite3 binds a statement only once). */
type BoundStatement = {
  readonly reader: boolean;
  columns: () => Database.ColumnDefinition[];
  run: () => Database.RunResult;
  raw: () => { all: () => unknown[] };
};
/** And as BEGIN is run: without parameters. */
type ReusableStatement = {
  readonly reader: boolean;
  bind: (args: unknown[]) => BoundStatement;
  run: () => Database.RunResult;
};

function reusable(statement: Database.Statement<unknown[]>): ReusableStatement {
  return {
    reader: statement.reader,
    run: () => statement.run(),
    bind: (args) => ({
      reader: statement.reader,
      columns: () => statement.columns(),
      run: () => statement.run(...args),
      raw: () => ({ all: () => statement.raw(true).all(...args) }),
    }),
  };
}

/** prepare() through a cache of reusable statements, BEGIN made IMMEDIATE. */
export function cachingPrepare(client: Database.Database, size = STATEMENT_CACHE_SIZE) {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, ReusableStatement>();
  return (source: string): ReusableStatement => {
    let statement = cache.get(source);
    if (statement) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      cache.delete(source);
    } else {
      statement = reusable(prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source));
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  };
}

/** The SQLite adapter factory whose transactions begin IMMEDIATE and whose statements are prepared once. */
export function createSqliteAdapter(options: { path: string; timeoutMs: number }): PrismaBetterSqlite3 {
  const factory = new PrismaBetterSqlite3({ url: options.path, timeout: options.timeoutMs });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as AdapterWithClient).client;
    client.prepare = cachingPrepare(client) as unknown as typeof client.prepare;
    return adapter;
  };
  return factory;
}

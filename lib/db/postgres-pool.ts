import "server-only";
import pg from "pg";

const READ_TIMEOUT = "Query read timeout";

/**
 * A connection that is dropped as soon as one of its queries passes its deadline (pg's query_timeout).
 * pg would keep it: the late answer still occupies it, and a transaction's client goes back to the pool
 * (adapter-pg releases it without an error), so the next request would wait out the same frozen socket,
 * or run inside a transaction left open. Dropped, its next query (ROLLBACK) fails at once and the pool
 * discards it; a fresh connection is made when the database answers again.
 */
class DeadlineClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // Errors of a dropped connection reach the pool and the query's caller; none may crash the process.
    this.on("error", () => undefined);
  }

  private dropOnTimeout = (error: unknown) => {
    if (error instanceof Error && error.message === READ_TIMEOUT) {
      (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
  };

  // pg's query has many overloads; this wraps whichever form is used (callback last, or a promise).
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: unknown, result: unknown) => {
        if (error) this.dropOnTimeout(error);
        (callback as (e: unknown, r: unknown) => void)(error, result);
      };
      return Reflect.apply(super.query, this, args) as never;
    }
    const result: unknown = Reflect.apply(super.query, this, args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        this.dropOnTimeout(error);
        throw error;
      }) as never;
    }
    return result as never;
  }
}

/**
 * The pool of the app's PostgreSQL client. Each statement has the deadline `timeoutMs`, on the client
 * (query_timeout: a frozen server or network) and on the server (statement_timeout, lock_timeout); getting a
 * connection, pooled or new (the handshake included), has half of it; a transaction left idle twice it. A
 * request that waits for a connection and then for its statement is thus answered within 1.5 × `timeoutMs`.
 */
export function createPostgresPool(options: { url: string; timeoutMs: number; max: number }): pg.Pool {
  const { url, timeoutMs, max } = options;
  return new pg.Pool({
    connectionString: url,
    max,
    Client: DeadlineClient,
    connectionTimeoutMillis: Math.ceil(timeoutMs / 2),
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
    lock_timeout: timeoutMs,
    idle_in_transaction_session_timeout: timeoutMs * 2,
  });
}

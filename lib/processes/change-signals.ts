import "server-only";
import pg from "pg";
import { databaseProvider, env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { processRevisionKey } from "@/lib/processes/revision";

// How this instance learns that another connection changed processes (another instance, the CLI, an outside
// writer). PostgreSQL: LISTEN on the app's own database; the trigger on processes NOTIFYs at commit
// (prisma/postgresql/migrations/*_process_changes). SQLite: the revision key (PRAGMA data_version) polled.

const CHANNEL = "process_changes";
const SQLITE_POLL_MS = 200;
const RECONNECT_MS = 1_000;

/** Calls `wake` whenever processes may have changed; returns the function that stops it. */
export function watchProcessChanges(wake: () => void): () => void {
  return databaseProvider === "postgresql" ? listen(wake) : poll(wake);
}

function poll(wake: () => void): () => void {
  let last: string | null = null;
  const timer = setInterval(() => {
    processRevisionKey().then(
      (key) => {
        if (key === last) return;
        last = key;
        wake();
      },
      () => undefined,
    );
  }, SQLITE_POLL_MS);
  return () => clearInterval(timer);
}

function listen(wake: () => void): () => void {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 5_000 });
    client = next;
    next.on("notification", wake);
    next.on("error", (error) => {
      logger.warn("change notifications lost; reconnecting", { error: error.message });
      reconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      if (stopped) return void next.end().catch(() => undefined);
      // Whatever committed while no one listened.
      wake();
    } catch {
      reconnect();
    }
  };
  const reconnect = () => {
    void client?.end().catch(() => undefined);
    client = null;
    if (!stopped && !retry) retry = setTimeout(() => ((retry = undefined), void connect()), RECONNECT_MS);
  };
  void connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    void client?.end().catch(() => undefined);
  };
}

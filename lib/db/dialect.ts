import "server-only";
import { databaseProvider } from "@/lib/env";

// What differs between SQLite and PostgreSQL lives here, and for writes of processes with their history
// in lib/db/process-writes-sql.ts.

/**
 * PostgreSQL: takes the process revision row (id 1) first in the transaction of a write, so that writers
 * queue on it and change ids follow commit order (note 010). It leaves the value as it is: the triggers on
 * `processes` bump it in the same transaction when rows actually change, so readers see the new value
 * exactly when they can see the write, and a write that changes nothing leaves caches valid (note 022). An
 * upsert, so that a missing row cannot silently stop it. SQLite: none needed (DATA_REVISION_SQL there sees
 * every other connection's commits), which spares single-statement writes a transaction; the row stays at 0.
 */
export const TAKE_PROCESS_REVISION_SQL: string | null =
  databaseProvider === "sqlite"
    ? null
    : `INSERT INTO process_revisions (id, value) VALUES (1, 1)
  ON CONFLICT (id) DO UPDATE SET value = process_revisions.value`;

/**
 * One cheap query whose answer changes whenever another connection has committed a change that a cached
 * process list may not contain. SQLite: `PRAGMA data_version` changes when any other connection (the CLI,
 * the seed script, another instance, a sqlite3 shell) commits; this connection's own commits do not change
 * it, which the process counts itself (lib/processes/revision.ts). PostgreSQL: the revision row that every
 * write bumps in its own transaction, so it is visible exactly when the write is.
 */
export const DATA_REVISION_SQL =
  databaseProvider === "sqlite" ? "PRAGMA data_version" : "SELECT value FROM process_revisions WHERE id = 1";

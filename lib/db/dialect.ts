import "server-only";
import { databaseProvider } from "@/lib/env";

// What differs between SQLite and PostgreSQL lives here, and only here.

/**
 * One UPDATE for a whole bulk request: the items travel as one JSON parameter, so 10,000 rows are one
 * statement and one round trip. It changes every listed row or none: the guard counts the listed ids
 * that exist, so a missing id leaves the table untouched without any rollback, and no reader (SQLite's
 * adapter shares one connection) ever sees a half-applied request.
 * Parameters: updatedAt, then the JSON array of {id, name, comment} (SQLite: three times, positional).
 */
export const BULK_UPDATE_SQL =
  databaseProvider === "sqlite"
    ? `UPDATE processes
         SET name = json_extract(j.value, '$.name'),
             comment = json_extract(j.value, '$.comment'),
             version = processes.version + 1,
             updatedAt = ?
        FROM json_each(?) AS j
       WHERE processes.id = json_extract(j.value, '$.id')
         AND (SELECT count(*) FROM processes AS p
               WHERE p.id IN (SELECT json_extract(value, '$.id') FROM json_each(?))) = json_array_length(?)`
    : `UPDATE processes AS p
         SET name = v.name, comment = v.comment, version = p.version + 1, "updatedAt" = $1
        FROM jsonb_to_recordset($2::jsonb) AS v(id integer, name text, comment text)
       WHERE p.id = v.id
         AND (SELECT count(*) FROM processes AS q
               WHERE q.id IN (SELECT (e->>'id')::integer FROM jsonb_array_elements($2::jsonb) AS e)) = jsonb_array_length($2::jsonb)`;

/** The parameters of BULK_UPDATE_SQL, in its placeholders' order. */
export function bulkUpdateParams(updatedAt: Date, payload: string): unknown[] {
  return databaseProvider === "sqlite" ? [updatedAt, payload, payload, payload] : [updatedAt, payload];
}

/**
 * PostgreSQL: bumps the process revision (one row, id 1) inside the transaction of a write, so that readers
 * see the new value exactly when they can see the write. An upsert, so that a missing row cannot silently
 * stop it. SQLite: none needed (DATA_REVISION_SQL there sees every other connection's commits), which
 * spares single-statement writes a transaction; the row stays at 0 there.
 */
export const BUMP_PROCESS_REVISION_SQL: string | null =
  databaseProvider === "sqlite"
    ? null
    : `INSERT INTO process_revisions (id, value) VALUES (1, 1)
  ON CONFLICT (id) DO UPDATE SET value = process_revisions.value + 1`;

/**
 * One cheap query whose answer changes whenever another connection has committed a change that a cached
 * process list may not contain. SQLite: `PRAGMA data_version` changes when any other connection (the CLI,
 * the seed script, another instance, a sqlite3 shell) commits; this connection's own commits do not change
 * it, which the process counts itself (lib/processes/revision.ts). PostgreSQL: the revision row that every
 * write bumps in its own transaction, so it is visible exactly when the write is.
 */
export const DATA_REVISION_SQL =
  databaseProvider === "sqlite" ? "PRAGMA data_version" : "SELECT value FROM process_revisions WHERE id = 1";

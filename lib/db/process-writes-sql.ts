import "server-only";
import { databaseProvider } from "@/lib/env";

// The SQL of the app's process updates with their history, per provider (the rest of what differs between
// SQLite and PostgreSQL is in lib/db/dialect.ts). Items travel as one JSON parameter,
// `[{id, name, comment, version|null}]`, so a bulk of 10,000 is one statement on PostgreSQL (data and history)
// and two on SQLite (history, then data), whatever its size. Every item is written, or none: a guard counts the
// items whose process exists and whose `version`, when given, is the current one. An item whose name and comment
// equal the stored ones is not written at all (no version, no history row, no event): the comparison is part of
// each statement, so a re-sync costs no extra round trip (docs/decisions/022). History rows take `kind` = update
// from the column's default. On PostgreSQL the statement trigger bumps the revision and notifies when rows really
// change (docs/decisions/011); the outside-update trigger (both databases) stays out of it, since these
// statements change the version.

/** Parameters of the statements below, named; sqliteHistoryParams and the others order them per statement. */
export type WriteParams = {
  at: Date;
  payload: string;
  actorType: string;
  actorId: number | null;
  actorName: string | null;
  requestId: string | null;
  /** The electronic signature's manifestation, the same for every item of the write (null: unsigned). */
  signerKind: string | null;
  signerId: number | null;
  signerName: string | null;
  signedAt: Date | null;
  signerTimeZone: string | null;
  signatureMeaning: string | null;
};

// The items are bound once and read through a CTE: a bulk's payload is a large string, and every binding of it is
// one more copy through the driver (the guard once bound it twice more, and RSS under bulk writes grew with it).
const SQLITE_GUARD = `(SELECT count(*) FROM j AS k JOIN processes AS q ON q.id = json_extract(k.value, '$.id')
   WHERE json_extract(k.value, '$.version') IS NULL OR q.version = json_extract(k.value, '$.version')) = (SELECT count(*) FROM j)`;

const sqliteDiffers = (row: string) =>
  `(${row}.name IS NOT json_extract(j.value, '$.name') OR ${row}.comment IS NOT json_extract(j.value, '$.comment'))`;

/**
 * SQLite: the history first (it reads the values being replaced), then the data; both run in one
 * transaction, which SQLite's single writer makes a consistent pair. Only items that differ are recorded;
 * when the guard fails nothing is. Parameters: see sqliteHistoryParams.
 */
export const SQLITE_HISTORY_SQL = `WITH j AS MATERIALIZED (SELECT value FROM json_each(?))
  INSERT INTO process_changes
    ("processId", version, name, comment, "previousName", "previousComment", "changedAt", "actorType", "actorId", "actorName", "requestId",
     reason, "signerKind", "signerId", "signerName", "signedAt", "signerTimeZone", "signatureMeaning")
  SELECT p.id, p.version + 1, json_extract(j.value, '$.name'), json_extract(j.value, '$.comment'), p.name, p.comment, ?, ?, ?, ?, ?,
         json_extract(j.value, '$.reason'), ?, ?, ?, ?, ?, ?
    FROM j JOIN processes AS p ON p.id = json_extract(j.value, '$.id')
   WHERE ${sqliteDiffers("p")} AND ${SQLITE_GUARD}
   ORDER BY p.id`;

/**
 * Runs only after the history statement recorded at least one item, i.e. after the guard passed: the data takes
 * the values from the history rows just recorded (the newest `recorded` ids: this transaction holds SQLite's one
 * write lock, and one INSERT's AUTOINCREMENT ids are consecutive), so the items are not bound a second time.
 * Parameters: see sqliteUpdateParams.
 */
export const SQLITE_UPDATE_SQL = `UPDATE processes
     SET name = c.name, comment = c.comment, version = c.version, "updatedAt" = ?
    FROM process_changes AS c
   WHERE c.id > (SELECT max(id) FROM process_changes) - ? AND processes.id = c."processId"
  RETURNING processes.id, processes.name, processes.comment, processes.version, processes."createdAt", processes."updatedAt", 1 AS changed`;

/** The stored rows of the items' ids (those that exist), for items the write did not return. */
export const CURRENT_ROWS_SQL =
  databaseProvider === "sqlite"
    ? `SELECT p.id, p.name, p.comment, p.version, p."createdAt", p."updatedAt", 0 AS changed
    FROM json_each(?) AS j JOIN processes AS p ON p.id = json_extract(j.value, '$.id')`
    : `SELECT p.id, p.name, p.comment, p.version, p."createdAt", p."updatedAt", false AS changed
    FROM jsonb_to_recordset($1::jsonb) AS x(id integer) JOIN processes AS p ON p.id = x.id`;

/**
 * PostgreSQL: data and history in ONE statement. The version is checked again in the UPDATE itself, so a
 * row changed by a concurrent outside writer (re-checked by PostgreSQL before the update) is not written:
 * fewer rows come back, and the caller looks closer. The self-join reads the values being replaced. Items
 * equal to the stored row come back as they are (`changed` false), from the same statement.
 */
export const POSTGRES_WRITE_SQL = `WITH v AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(id integer, name text, comment text, version integer, reason text)),
  cur AS (
    SELECT q.*, (q.name IS DISTINCT FROM v.name OR q.comment IS DISTINCT FROM v.comment) AS differs
      FROM v JOIN processes AS q ON q.id = v.id WHERE v.version IS NULL OR q.version = v.version),
  ok AS (SELECT (SELECT count(*) FROM cur) = (SELECT count(*) FROM v) AS all_ok),
  upd AS (
    UPDATE processes AS p SET name = v.name, comment = v.comment, version = p.version + 1, "updatedAt" = $1
      FROM v JOIN processes AS old ON old.id = v.id
     WHERE p.id = v.id AND (v.version IS NULL OR p.version = v.version)
       AND (p.name IS DISTINCT FROM v.name OR p.comment IS DISTINCT FROM v.comment) AND (SELECT all_ok FROM ok)
    RETURNING p.id, p.name, p.comment, p.version, p."createdAt", p."updatedAt",
              old.name AS "previousName", old.comment AS "previousComment", v.reason AS reason),
  ins AS (
    INSERT INTO process_changes
      ("processId", version, name, comment, "previousName", "previousComment", "changedAt", "actorType", "actorId", "actorName", "requestId",
       reason, "signerKind", "signerId", "signerName", "signedAt", "signerTimeZone", "signatureMeaning")
    SELECT id, version, name, comment, "previousName", "previousComment", $1, $3, $4, $5, $6,
           reason, $7, $8::integer, $9, $10::timestamp(3), $11, $12 FROM upd ORDER BY id)
  SELECT id, name, comment, version, "createdAt", "updatedAt", true AS changed FROM upd
  UNION ALL
  SELECT id, name, comment, version, "createdAt", "updatedAt", false FROM cur WHERE NOT differs AND (SELECT all_ok FROM ok)
  ORDER BY id`;

export const isSqlite = databaseProvider === "sqlite";

const signatureParams = (p: WriteParams): unknown[] => [
  p.signerKind,
  p.signerId,
  p.signerName,
  p.signedAt,
  p.signerTimeZone,
  p.signatureMeaning,
];

export function sqliteHistoryParams(p: WriteParams): unknown[] {
  return [p.payload, p.at, p.actorType, p.actorId, p.actorName, p.requestId, ...signatureParams(p)];
}

export function sqliteUpdateParams(p: WriteParams, recorded: number): unknown[] {
  return [p.at, recorded];
}

export function postgresWriteParams(p: WriteParams): unknown[] {
  return [p.at, p.payload, p.actorType, p.actorId, p.actorName, p.requestId, ...signatureParams(p)];
}

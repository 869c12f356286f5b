import "server-only";
import { databaseProvider } from "@/lib/env";

// What differs between SQLite and PostgreSQL lives here, and only here.

/**
 * One UPDATE for a whole bulk request: the items travel as one JSON parameter, so 10,000 rows are one
 * statement and one round trip. Parameters: 1 = updatedAt, 2 = JSON array of {id, name, comment}.
 */
export const BULK_UPDATE_SQL =
  databaseProvider === "sqlite"
    ? `UPDATE processes
         SET name = json_extract(j.value, '$.name'),
             comment = json_extract(j.value, '$.comment'),
             version = processes.version + 1,
             updatedAt = ?
        FROM json_each(?) AS j
       WHERE processes.id = json_extract(j.value, '$.id')`
    : `UPDATE processes AS p
         SET name = v.name, comment = v.comment, version = p.version + 1, "updatedAt" = $1
        FROM jsonb_to_recordset($2::jsonb) AS v(id integer, name text, comment text)
       WHERE p.id = v.id`;

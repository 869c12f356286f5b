import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";

// The database's epoch (table database_epoch, one row): chosen by the migration that creates the table, and
// anew by `npm run cli -- db:new-epoch` after a restore, or by an instance that sees the history go back.

export const newEpochValue = () => randomBytes(6).toString("hex");

/** The epoch stored in the database (one is stored first if the row is missing). */
export async function readDatabaseEpoch(): Promise<string> {
  const row = await db.databaseEpoch.findUnique({ where: { id: 1 } });
  if (row) return row.value;
  return (await db.databaseEpoch.upsert({ where: { id: 1 }, create: { id: 1, value: newEpochValue() }, update: {} }))
    .value;
}

/**
 * Chooses a new epoch; with `replacing`, only if the stored one is still that (so that instances noticing
 * the same restore choose one between them). Returns the epoch now stored.
 */
export async function renewDatabaseEpoch(options: { replacing?: string } = {}): Promise<string> {
  const value = newEpochValue();
  if (options.replacing === undefined) {
    await db.databaseEpoch.upsert({ where: { id: 1 }, create: { id: 1, value }, update: { value } });
    return value;
  }
  await db.databaseEpoch.updateMany({ where: { id: 1, value: options.replacing }, data: { value } });
  return readDatabaseEpoch();
}

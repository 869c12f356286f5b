import "server-only";
import {
  CURRENT_ROWS_SQL,
  isSqlite,
  POSTGRES_WRITE_SQL,
  postgresWriteParams,
  SQLITE_HISTORY_SQL,
  SQLITE_UPDATE_SQL,
  sqliteHistoryParams,
  sqliteUpdateParams,
  type WriteParams,
} from "@/lib/db/process-writes-sql";
import { rawBoolean, rawDate } from "@/lib/db/raw-values";
import type { ChangeContext } from "@/lib/processes/actor";
import { changeProcesses } from "@/lib/processes/change-processes";
import { toProcess } from "@/lib/processes/serialize";
import type { Process } from "@/lib/validations/process";

/**
 * One process's new editable fields, the version they were based on (none: last write wins), and the reason
 * for the change that its history row keeps.
 */
export type ProcessWrite = { id: number; name: string; comment: string; version?: number; reason?: string | null };

/**
 * Every item (ordered by id) and how many of them changed (the others equalled the stored values and were not
 * written), or why none was: indexes of missing processes, stale items' current state.
 */
export type WriteOutcome =
  | { ok: true; processes: Process[]; changed: number }
  | { ok: false; missing: number[]; stale: { index: number; current: Process }[] };

export type Tx = Parameters<Parameters<typeof changeProcesses>[0]>[0];
type RawRow = {
  id: number;
  name: string;
  comment: string;
  version: number;
  createdAt: unknown;
  updatedAt: unknown;
  changed: unknown;
};

class Refused extends Error {
  constructor(readonly outcome: Extract<WriteOutcome, { ok: false }>) {
    super("refused");
  }
}

function fromRaw(row: RawRow): Process {
  return toProcess({
    id: Number(row.id),
    name: row.name,
    comment: row.comment,
    version: Number(row.version),
    createdAt: rawDate(row.createdAt),
    updatedAt: rawDate(row.updatedAt),
  });
}

/** The rows the write returns: PostgreSQL every item when the guard passed; SQLite only those it changed. */
async function write(tx: Tx, params: WriteParams): Promise<RawRow[]> {
  if (!isSqlite) return tx.$queryRawUnsafe<RawRow[]>(POSTGRES_WRITE_SQL, ...postgresWriteParams(params));
  // The guard is in the history statement: when it records nothing (guard failed, or nothing differs),
  // the update has nothing to do.
  const recorded = await tx.$executeRawUnsafe(SQLITE_HISTORY_SQL, ...sqliteHistoryParams(params));
  if (recorded === 0) return [];
  return tx.$queryRawUnsafe<RawRow[]>(SQLITE_UPDATE_SQL, ...sqliteUpdateParams(params, recorded));
}

/**
 * The items the write did not return, read as stored: each is missing, stale, or equal to the stored row
 * (a no-op, or made equal by a concurrent writer). Anything but the last refuses the whole write.
 */
async function completeOrRefuse(tx: Tx, items: ProcessWrite[], written: RawRow[]): Promise<Process[]> {
  const returned = new Set(written.map((row) => Number(row.id)));
  const rest = items.filter((item) => !returned.has(item.id));
  const rows = await tx.$queryRawUnsafe<RawRow[]>(CURRENT_ROWS_SQL, JSON.stringify(rest.map(({ id }) => ({ id }))));
  const current = new Map(rows.map((row) => [Number(row.id), fromRaw(row)]));
  const missing: number[] = [];
  const stale: { index: number; current: Process }[] = [];
  items.forEach((item, index) => {
    if (returned.has(item.id)) return;
    const now = current.get(item.id);
    if (!now) missing.push(index);
    else if (item.version !== undefined && item.version !== now.version) stale.push({ index, current: now });
  });
  // No precondition failed, yet an item differs and was not written: a concurrent writer changed its row
  // meanwhile (PostgreSQL re-checks it): refused as stale, the client sees it as it is now.
  if (missing.length === 0 && stale.length === 0) {
    items.forEach((item, index) => {
      const now = current.get(item.id);
      if (now && !returned.has(item.id) && (item.name !== now.name || item.comment !== now.comment))
        stale.push({ index, current: now });
    });
  }
  if (missing.length > 0 || stale.length > 0) throw new Refused({ ok: false, missing, stale });
  return [...current.values()];
}

/**
 * Writes every item that differs from its stored row, and its history row, in one transaction (one statement
 * each for data and history on SQLite, one for both on PostgreSQL), all or nothing; items equal to their row
 * are left untouched, their preconditions still checked. Ids must be unique.
 */
export async function writeProcesses(options: {
  items: ProcessWrite[];
  context: ChangeContext;
  /** More work for the same transaction once every item was written (an approval marks its request). */
  alsoInTransaction?: (tx: Tx) => Promise<void>;
}): Promise<WriteOutcome> {
  const { items, context, alsoInTransaction } = options;
  const payload = JSON.stringify(
    items.map(({ id, name, comment, version, reason }) => ({
      id,
      name,
      comment,
      version: version ?? null,
      reason: reason ?? null,
    })),
  );
  const signature = context.signature ?? null;
  const params: WriteParams = {
    at: new Date(),
    payload,
    actorType: context.actor.type,
    actorId: context.actor.id,
    actorName: context.actor.name,
    requestId: context.requestId,
    signerKind: signature?.signerKind ?? null,
    signerId: signature?.signerId ?? null,
    signerName: signature?.signerName ?? null,
    signedAt: signature?.signedAt ?? null,
    signerTimeZone: signature?.timeZone ?? null,
    signatureMeaning: signature?.meaning ?? null,
  };
  try {
    return await changeProcesses(
      async (tx) => {
        const rows = await write(tx, params);
        const changed = rows.filter((row) => rawBoolean(row.changed)).length;
        const processes = rows.map(fromRaw);
        // Throwing rolls back whatever part was written (a row changed meanwhile by an outside writer).
        if (rows.length !== items.length) processes.push(...(await completeOrRefuse(tx, items, rows)));
        if (alsoInTransaction) await alsoInTransaction(tx);
        return { ok: true as const, processes: processes.sort((a, b) => a.id - b.id), changed };
      },
      {
        severalStatements: true,
        timeout: 60_000,
        maxWait: 10_000,
        wroteNothing: (outcome: WriteOutcome) => outcome.ok && outcome.changed === 0,
      },
    );
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}

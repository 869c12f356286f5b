import "server-only";
import {
  isSqlite,
  POSTGRES_WRITE_SQL,
  postgresWriteParams,
  SQLITE_HISTORY_SQL,
  SQLITE_UPDATE_SQL,
  sqliteHistoryParams,
  sqliteUpdateParams,
  type WriteParams,
} from "@/lib/db/process-writes-sql";
import type { ChangeContext } from "@/lib/processes/actor";
import { changeProcesses } from "@/lib/processes/change-processes";
import { PROCESS_SELECT, toProcess } from "@/lib/processes/serialize";
import type { Process } from "@/lib/validations/process";

/** One process's new editable fields, and the version they were based on (none: last write wins). */
export type ProcessWrite = { id: number; name: string; comment: string; version?: number };

/** Every item written (ordered by id), or why none was: indexes of missing processes, stale items' current state. */
export type WriteOutcome =
  { ok: true; processes: Process[] } | { ok: false; missing: number[]; stale: { index: number; current: Process }[] };

type Tx = Parameters<Parameters<typeof changeProcesses>[0]>[0];
type RawRow = { id: number; name: string; comment: string; version: number; createdAt: unknown; updatedAt: unknown };

// Prisma refuses an `in` list longer than the driver's bind-parameter limit (P2029: 999 on SQLite).
const IDS_PER_QUERY = 500;

class Refused extends Error {
  constructor(readonly outcome: Extract<WriteOutcome, { ok: false }>) {
    super("refused");
  }
}

const asDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

function fromRaw(row: RawRow): Process {
  return toProcess({
    id: Number(row.id),
    name: row.name,
    comment: row.comment,
    version: Number(row.version),
    createdAt: asDate(row.createdAt),
    updatedAt: asDate(row.updatedAt),
  });
}

async function write(tx: Tx, params: WriteParams, count: number): Promise<RawRow[]> {
  if (!isSqlite) return tx.$queryRawUnsafe<RawRow[]>(POSTGRES_WRITE_SQL, ...postgresWriteParams(params));
  // The guard is in the history statement: when it writes nothing, the update must not run.
  const recorded = await tx.$executeRawUnsafe(SQLITE_HISTORY_SQL, ...sqliteHistoryParams(params));
  if (recorded !== count) return [];
  return tx.$queryRawUnsafe<RawRow[]>(SQLITE_UPDATE_SQL, ...sqliteUpdateParams(params));
}

async function diagnose(tx: Tx, items: ProcessWrite[]): Promise<Refused> {
  const current = new Map<number, Process>();
  for (let i = 0; i < items.length; i += IDS_PER_QUERY) {
    const ids = items.slice(i, i + IDS_PER_QUERY).map((item) => item.id);
    const rows = await tx.process.findMany({ where: { id: { in: ids } }, select: PROCESS_SELECT });
    for (const row of rows) current.set(row.id, toProcess(row));
  }
  const missing: number[] = [];
  const stale: { index: number; current: Process }[] = [];
  items.forEach((item, index) => {
    const now = current.get(item.id);
    if (!now) missing.push(index);
    else if (item.version !== undefined && item.version !== now.version) stale.push({ index, current: now });
  });
  return new Refused({ ok: false, missing, stale });
}

/**
 * Writes every item and its history row in one transaction (one statement each for data and history on
 * SQLite, one for both on PostgreSQL), all or nothing. Ids must be unique.
 */
export async function writeProcesses(options: {
  items: ProcessWrite[];
  context: ChangeContext;
}): Promise<WriteOutcome> {
  const { items, context } = options;
  const payload = JSON.stringify(
    items.map(({ id, name, comment, version }) => ({ id, name, comment, version: version ?? null })),
  );
  const params: WriteParams = {
    at: new Date(),
    payload,
    actorType: context.actor.type,
    actorId: context.actor.id,
    actorName: context.actor.name,
    requestId: context.requestId,
  };
  try {
    return await changeProcesses(
      async (tx) => {
        const rows = await write(tx, params, items.length);
        // Throwing rolls back whatever part was written (a row changed meanwhile by an outside writer).
        if (rows.length !== items.length) throw await diagnose(tx, items);
        return { ok: true as const, processes: rows.map(fromRaw).sort((a, b) => a.id - b.id) };
      },
      { severalStatements: true, timeout: 60_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}

import "server-only";
import { db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/processes/actor";
import { changeProcesses } from "@/lib/processes/change-processes";
import type { ProcessFields } from "@/lib/validations/process";

// Rows per INSERT: keeps each statement under the drivers' bind-parameter limits.
const ROWS_PER_INSERT = 2_000;

type Tx = Parameters<Parameters<typeof changeProcesses>[0]>[0];

async function insert(tx: Tx, processes: ProcessFields[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < processes.length; i += ROWS_PER_INSERT) {
    const { count: created } = await tx.process.createMany({ data: processes.slice(i, i + ROWS_PER_INSERT) });
    count += created;
  }
  return count;
}

/**
 * Runs `work` (inserts and deletes) and labels its history as actor `system`: only our scripts create and
 * delete processes. The history rows themselves come from the triggers on processes, which label every
 * insert and delete `unknown` (docs/decisions/016-outside-inserts-and-deletes.md). Every change row after
 * the newest one seen at the start is this transaction's: on PostgreSQL it holds the revision row, which
 * every writer of history takes first, and SQLite has one writer.
 */
async function asSystem<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return changeProcesses(
    async (tx) => {
      const newest = await tx.processChange.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
      const result = await work(tx);
      await tx.processChange.updateMany({
        where: { id: { gt: newest?.id ?? 0 }, actorType: "unknown" },
        data: { actorType: SYSTEM_ACTOR.type, actorId: SYSTEM_ACTOR.id, actorName: SYSTEM_ACTOR.name },
      });
      return result;
    },
    { severalStatements: true, timeout: 120_000 },
  );
}

/** Inserts processes (seeding, tests, benchmarks), all or none; returns how many were created. */
export async function createProcesses(options: { processes: ProcessFields[] }): Promise<number> {
  const { processes } = options;
  return asSystem((tx) => insert(tx, processes));
}

/** Replaces every process with these, in one transaction: readers see the old list or the new one. */
export async function replaceProcesses(options: {
  processes: ProcessFields[];
}): Promise<{ deleted: number; created: number }> {
  const { processes } = options;
  return asSystem(async (tx) => {
    const { count: deleted } = await tx.process.deleteMany();
    return { deleted, created: await insert(tx, processes) };
  });
}

export async function countProcesses(): Promise<number> {
  return db.process.count();
}

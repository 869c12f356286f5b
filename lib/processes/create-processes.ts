import "server-only";
import { db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/processes/actor";
import { changeProcesses } from "@/lib/processes/change-processes";
import type { ProcessFields } from "@/lib/validations/process";

// Rows per INSERT: keeps each statement under the drivers' bind-parameter limits.
const ROWS_PER_INSERT = 2_000;

type Tx = Parameters<Parameters<typeof changeProcesses>[0]>[0];

/** Inserts processes and their creation history (actor `system`: only our scripts create processes). */
async function insert(tx: Tx, processes: ProcessFields[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < processes.length; i += ROWS_PER_INSERT) {
    const rows = await tx.process.createManyAndReturn({
      data: processes.slice(i, i + ROWS_PER_INSERT),
      select: { id: true, name: true, comment: true, version: true, createdAt: true },
    });
    await tx.processChange.createMany({
      data: rows.map((row) => ({
        processId: row.id,
        version: row.version,
        name: row.name,
        comment: row.comment,
        changedAt: row.createdAt,
        actorType: SYSTEM_ACTOR.type,
        actorName: SYSTEM_ACTOR.name,
      })),
    });
    count += rows.length;
  }
  return count;
}

const SEVERAL = { severalStatements: true, timeout: 120_000 };

/** Inserts processes (seeding, tests, benchmarks), all or none; returns how many were created. */
export async function createProcesses(options: { processes: ProcessFields[] }): Promise<number> {
  const { processes } = options;
  return changeProcesses((tx) => insert(tx, processes), SEVERAL);
}

/** Replaces every process with these, in one transaction: readers see the old list or the new one. */
export async function replaceProcesses(options: {
  processes: ProcessFields[];
}): Promise<{ deleted: number; created: number }> {
  const { processes } = options;
  return changeProcesses(async (tx) => {
    const { count: deleted } = await tx.process.deleteMany();
    return { deleted, created: await insert(tx, processes) };
  }, SEVERAL);
}

export async function countProcesses(): Promise<number> {
  return db.process.count();
}

import "server-only";
import { BULK_UPDATE_SQL, bulkUpdateParams } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors";
import { changeProcesses } from "@/lib/processes/change-processes";
import { PROCESS_SELECT, toProcess } from "@/lib/processes/serialize";
import type { Process, ProcessItem } from "@/lib/validations/process";

// Prisma refuses an `in` list longer than the driver's bind-parameter limit (P2029: 999 on SQLite), so a
// list of up to 10,000 ids is read in chunks.
const IDS_PER_QUERY = 500;

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Replaces the editable fields of every listed process in one statement: all or nothing.
 * Ids are unique (the schema checks); an id that does not exist rejects the whole request with 1001.
 */
export async function updateProcesses(options: { processes: ProcessItem[] }): Promise<Process[]> {
  const items = options.processes;
  const ids = items.map((p) => p.id);
  const payload = JSON.stringify(items.map(({ id, name, comment }) => ({ id, name, comment })));

  return changeProcesses(
    async (tx) => {
      const count = await tx.$executeRawUnsafe(BULK_UPDATE_SQL, ...bulkUpdateParams(new Date(), payload));
      if (count !== items.length) {
        const existing = new Set<number>();
        for (const part of chunks(ids, IDS_PER_QUERY)) {
          const found = await tx.process.findMany({ where: { id: { in: part } }, select: { id: true } });
          for (const r of found) existing.add(r.id);
        }
        const errors = items.flatMap((item, index) =>
          existing.has(item.id)
            ? []
            : [{ pointer: `/processes/${index}/id`, detail: `process ${item.id} does not exist` }],
        );
        // The guarded statement changed nothing; on PostgreSQL throwing also rolls back the revision bump.
        throw new AppError(1001, `${errors.length} of ${items.length} processes do not exist; nothing was saved`, {
          errors,
        });
      }
      const rows = [];
      for (const part of chunks(
        [...ids].sort((a, b) => a - b),
        IDS_PER_QUERY,
      )) {
        rows.push(
          ...(await tx.process.findMany({
            where: { id: { in: part } },
            select: PROCESS_SELECT,
            orderBy: { id: "asc" },
          })),
        );
      }
      return rows.map(toProcess);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

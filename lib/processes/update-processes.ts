import "server-only";
import { db } from "@/lib/db/client";
import { BULK_UPDATE_SQL } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors";
import { PROCESS_SELECT, toProcess } from "@/lib/processes/serialize";
import type { Process, ProcessItem } from "@/lib/validations/process";

/**
 * Replaces the editable fields of every listed process in one transaction: all or nothing.
 * Ids are unique (the schema checks); an id that does not exist rejects the whole request with 1001.
 */
export async function updateProcesses(options: { processes: ProcessItem[] }): Promise<Process[]> {
  const items = options.processes;
  const ids = items.map((p) => p.id);
  const payload = JSON.stringify(items.map(({ id, name, comment }) => ({ id, name, comment })));

  return db.$transaction(async (tx) => {
    const count = await tx.$executeRawUnsafe(BULK_UPDATE_SQL, new Date(), payload);
    if (count !== items.length) {
      const found = await tx.process.findMany({ where: { id: { in: ids } }, select: { id: true } });
      const existing = new Set(found.map((r) => r.id));
      const errors = items.flatMap((item, index) =>
        existing.has(item.id)
          ? []
          : [{ pointer: `/processes/${index}/id`, detail: `process ${item.id} does not exist` }],
      );
      // Throwing rolls the transaction back: nothing of this request is kept.
      throw new AppError(1001, `${errors.length} of ${items.length} processes do not exist; nothing was saved`, {
        errors,
      });
    }
    const rows = await tx.process.findMany({
      where: { id: { in: ids } },
      select: PROCESS_SELECT,
      orderBy: { id: "asc" },
    });
    return rows.map(toProcess);
  }, { timeout: 60_000, maxWait: 10_000 });
}

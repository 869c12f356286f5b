import "server-only";
import { db } from "@/lib/db/client";
import { PROCESS_SELECT, toProcess } from "@/lib/processes/serialize";
import type { Process } from "@/lib/validations/process";

/** Every process, ordered by id. */
export async function listProcesses(): Promise<Process[]> {
  const rows = await db.process.findMany({ select: PROCESS_SELECT, orderBy: { id: "asc" } });
  return rows.map(toProcess);
}

import "server-only";
import { db } from "@/lib/db/client";
import { changeProcesses } from "@/lib/processes/revision";
import type { ProcessFields } from "@/lib/validations/process";

/** Inserts processes (seeding, tests, benchmarks); returns how many were created. */
export async function createProcesses(options: { processes: ProcessFields[] }): Promise<number> {
  const { count } = await changeProcesses((tx) => tx.process.createMany({ data: options.processes }));
  return count;
}

export async function countProcesses(): Promise<number> {
  return db.process.count();
}

/** Removes every process (tests and benchmarks start from a known state). */
export async function deleteAllProcesses(): Promise<number> {
  const { count } = await changeProcesses((tx) => tx.process.deleteMany());
  return count;
}

import "server-only";
import { AppError } from "@/lib/errors";
import { changeProcesses } from "@/lib/processes/change-processes";
import { PROCESS_SELECT, toProcess } from "@/lib/processes/serialize";
import type { Process, ProcessFields } from "@/lib/validations/process";

const isNotFound = (error: unknown) => (error as { code?: unknown })?.code === "P2025";

/** Replaces the editable fields of one process; 1005 when it does not exist. */
export async function updateProcess(options: { id: number; fields: ProcessFields }): Promise<Process> {
  const { id, fields } = options;
  const row = await changeProcesses((tx) =>
    tx.process.update({
      where: { id },
      data: { name: fields.name, comment: fields.comment, version: { increment: 1 } },
      select: PROCESS_SELECT,
    }),
  ).catch((error: unknown) => {
    throw isNotFound(error) ? new AppError(1005, `Process ${id} does not exist`) : error;
  });
  return toProcess(row);
}

import "server-only";
import { SYSTEM_ACTOR } from "@/lib/processes/actor";
import { findProcess, updateProcessReporting } from "@/lib/processes/update-process";
import type { Process } from "@/lib/validations/process";

/**
 * The CLI's update: changes the given fields of one process, keeps the others, history actor `system`.
 * `changed` is false when the values equalled the stored ones (nothing written, the version stays).
 */
export async function updateProcessFromScript(options: {
  id: number;
  name?: string;
  comment?: string;
}): Promise<{ process: Process; changed: boolean }> {
  const current = await findProcess({ id: options.id });
  return updateProcessReporting({
    id: options.id,
    fields: { name: options.name ?? current.name, comment: options.comment ?? current.comment },
    // Against the version just read: a change in between is refused (1007), never overwritten.
    preconditions: { ifMatch: null, bodyVersion: current.version },
    context: { actor: SYSTEM_ACTOR, requestId: null },
  });
}

import "server-only";
import { AppError } from "@/lib/errors";
import type { ChangeContext } from "@/lib/processes/actor";
import { writeProcesses } from "@/lib/processes/write-processes";
import type { Process, ProcessItem } from "@/lib/validations/process";

/**
 * Replaces the editable fields of every listed process, all or nothing; items equal to the stored values are
 * not written (`changed` counts the others). Ids are unique (the schema
 * checks). A process that does not exist refuses the request with 1001; an item whose `version` is not
 * the current one refuses it with 1007 (409), naming each stale item and carrying the current processes.
 */
export async function updateProcesses(options: {
  processes: ProcessItem[];
  /** Each item's reason for the change, by index (change control); none: the items' own. */
  reasons?: (string | null)[];
  context: ChangeContext;
}): Promise<{ processes: Process[]; changed: number }> {
  const items = options.processes;
  const outcome = await writeProcesses({
    items: items.map(({ id, name, comment, version, reason }, index) => ({
      id,
      name,
      comment,
      version,
      reason: options.reasons?.[index] ?? reason ?? null,
    })),
    context: options.context,
  });
  if (outcome.ok) return { processes: outcome.processes, changed: outcome.changed };
  if (outcome.missing.length > 0) {
    const errors = outcome.missing.map((index) => ({
      pointer: `/processes/${index}/id`,
      detail: `process ${items[index]!.id} does not exist`,
    }));
    throw new AppError(1001, `${errors.length} of ${items.length} processes do not exist; nothing was saved`, {
      errors,
    });
  }
  const errors = outcome.stale.map(({ index, current }) => ({
    pointer: `/processes/${index}/version`,
    detail: `process ${current.id} is at version ${current.version} now`,
  }));
  throw new AppError(1007, `${errors.length} of ${items.length} processes have changed since read; nothing was saved`, {
    errors,
    current: outcome.stale.map((s) => s.current),
  });
}

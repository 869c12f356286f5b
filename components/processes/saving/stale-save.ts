import { isApiError } from "@/lib/query/api-error";
import { processSchema, type Process } from "@/lib/validations/process";
import type { ProcessChange } from "@/lib/validations/process-history";
import type { Change } from "../editing/rebase";

/**
 * The processes a 1007 names as they are now (`current`: one process for a single save, a list for a bulk
 * one); empty when the answer is not a 1007 or carries none, and the page falls back to reloading.
 */
export function staleCurrent(error: unknown): Process[] {
  if (!isApiError(error) || error.code !== 1007) return [];
  const current = error.problem.current;
  const list = Array.isArray(current) ? current : [current];
  return list.flatMap((p) => {
    const parsed = processSchema.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Who made a change and when, from its history row (null: not known, said as "someone else"). */
export const changeOf = (change: ProcessChange | null | undefined): Change => ({
  by: change?.changedBy.name ?? null,
  at: change?.changedAt ?? null,
});

/** The names of the people whose changes were merged, for one message ("a@x, b@y"). */
export function whoChanged(changes: readonly Change[], someone: string): string {
  const names = [...new Set(changes.map((c) => c.by ?? someone))];
  return names.join(", ");
}

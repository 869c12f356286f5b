import type { Process } from "@/lib/validations/process";
import type { ProcessListingItem } from "@/lib/validations/process-listing";
import { processEventKindSchema, processEventSchema } from "@/lib/validations/process-history";
import type { Change } from "../editing/rebase";

/** What a batch of `process` events means for the page, each process once (its last event wins). */
export type EventBatch = {
  /** Newer versions of known processes, and new ones (`created`: no edit here can be based on them). */
  updated: Map<number, { process: ProcessListingItem; change: Change; created: boolean }>;
  /** Deleted processes, as last known here. */
  deleted: Map<number, Process>;
};

/**
 * Reads a batch of event `data` against the cached processes. An event whose version is not newer than the
 * cache's is already known (the echo of this page's own save, a replay after a reconnect) and skipped. An
 * event without a `kind` is an update. Unreadable events are skipped.
 */
export function planEventBatch(batch: readonly unknown[], known: ReadonlyMap<number, Process>): EventBatch {
  const updated: EventBatch["updated"] = new Map();
  const deleted: EventBatch["deleted"] = new Map();
  for (const data of batch) {
    if (typeof data !== "object" || data === null) continue;
    const kind = processEventKindSchema.parse((data as { kind?: unknown }).kind);
    // With the kind filled in, so that the event schema reads streams from before events carried one.
    const parsed = processEventSchema.safeParse({ ...data, kind });
    if (!parsed.success) continue;
    const { id, name, comment, version, updatedAt, changedBy } = parsed.data;
    const cached = updated.get(id)?.process ?? known.get(id);
    if (kind === "deleted") {
      updated.delete(id);
      if (cached) deleted.set(id, cached);
      continue;
    }
    if (cached && cached.version >= version) continue;
    // With its last change, so that the "last changed" column follows live rows too.
    const lastChange = { changedAt: updatedAt, changedBy };
    const process = { id, name, comment, version, updatedAt, createdAt: cached?.createdAt ?? updatedAt, lastChange };
    deleted.delete(id);
    updated.set(id, { process, change: { by: changedBy.name, at: updatedAt }, created: kind === "created" });
  }
  return { updated, deleted };
}

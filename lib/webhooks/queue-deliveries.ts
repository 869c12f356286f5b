import "server-only";
import { db } from "@/lib/db/client";
import { eventData } from "@/lib/processes/event-frames";
import { listChangesAfter } from "@/lib/processes/process-history";
import { countDelivery } from "@/lib/webhooks/delivery-metrics";
import type { ProcessChange } from "@/lib/validations/process-history";

// The outbox is the history (docs/decisions/041): each subscription keeps a cursor into it, and turns the
// changes after it into deliveries. The deliveries and the cursor's move commit together, and the move is
// conditional on the cursor being where it was read: a change is queued once, whoever runs this.

const PAGE = 1_000;

export type QueueTarget = {
  id: number;
  cursor: number;
  processIds: string | null;
  kinds: string;
  batch: boolean;
};

function matcher(target: QueueTarget): (change: ProcessChange) => boolean {
  const ids = target.processIds === null ? null : new Set(JSON.parse(target.processIds) as number[]);
  const kinds = new Set(target.kinds.split(","));
  return (change) => kinds.has(change.kind) && (ids === null || ids.has(change.processId));
}

/**
 * Queues the next page of changes after the cursor; returns the new cursor and whether the page was full (more
 * may follow), or null when nothing was new (or another instance moved the cursor first). `epoch` makes message
 * ids differ between copies of the database.
 */
export async function queueDeliveries(
  target: QueueTarget,
  epoch: string,
): Promise<{ cursor: number; more: boolean } | null> {
  const changes = await listChangesAfter({ after: target.cursor, limit: PAGE });
  if (changes.length === 0) return null;
  const cursor = changes.at(-1)!.id;
  const wanted = changes.filter(matcher(target));
  const message = (first: number) => `msg_${epoch}_${target.id}_${first}`;
  const rows = target.batch
    ? wanted.length === 0
      ? []
      : [
          {
            webhookId: target.id,
            messageId: message(wanted[0]!.id),
            firstChangeId: wanted[0]!.id,
            lastChangeId: wanted.at(-1)!.id,
            changes: wanted.length,
            body: JSON.stringify(wanted.map(eventData)),
          },
        ]
    : wanted.map((change) => ({
        webhookId: target.id,
        messageId: message(change.id),
        firstChangeId: change.id,
        lastChangeId: change.id,
        changes: 1,
        body: JSON.stringify(eventData(change)),
      }));
  const moved = await db.$transaction(async (tx) => {
    const { count } = await tx.webhook.updateMany({
      where: { id: target.id, cursor: target.cursor },
      data: { cursor },
    });
    if (count === 0) return false;
    if (rows.length > 0) await tx.webhookDelivery.createMany({ data: rows });
    return true;
  });
  if (!moved) return null;
  countDelivery("queued", rows.length);
  countDelivery("changesQueued", wanted.length);
  return { cursor, more: changes.length === PAGE };
}

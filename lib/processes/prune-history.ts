import "server-only";
import { db } from "@/lib/db/client";
import { IN_LIST_MAX } from "@/lib/db/in-list";
import { anchorPrunedRows } from "@/lib/trail/prune-anchor";
import { sealChain } from "@/lib/trail/seal-trail";

// History retention (docs/decisions/021): by default everything is kept, as audits need. `history:prune`
// removes changes older than a number of days, except each process's newest change (its latest state, a
// deletion included), in small batches so that a live server's writes are never held up for long. Each run
// leaves a row in history_prunes: what it removed, and the highest change id removed, below which the event
// stream can no longer replay (lib/processes/process-history.ts). The tamper-evident trail stays verifiable: only
// sealed rows are removed, and each batch moves the trail's prune anchor in its transaction (lib/trail/prune-anchor.ts).

// A batch's ids go into `in` lists.
const BATCH = IN_LIST_MAX;

export type PruneResult = { olderThan: Date; deleted: number; throughId: number };

export async function pruneHistory(options: { olderThanDays: number; now?: Date }): Promise<PruneResult> {
  const olderThan = new Date((options.now ?? new Date()).getTime() - options.olderThanDays * 24 * 60 * 60 * 1000);
  // The run's row comes first and each batch raises its throughId in the same transaction as its deletion,
  // so a stream resuming while the prune runs is never replayed across a hole it cannot see.
  const run = await db.historyPrune.create({ data: { olderThan, deleted: 0, throughId: 0 } });
  // Only sealed rows below the chain's newest one are removed: the head row stays, and the anchor covers the rest.
  await sealChain("process_changes");
  const head = await db.trailHead.findUnique({ where: { chain: "process_changes" }, select: { lastId: true } });
  const sealedBelow = head?.lastId ?? 0;
  // Webhooks read the history as their outbox (docs/decisions/041): a change after a subscription's cursor is
  // not queued for it yet, so it stays whatever its age.
  const { _min } = await db.webhook.aggregate({ _min: { cursor: true } });
  const keptFrom = Math.min(sealedBelow, _min.cursor === null ? Infinity : _min.cursor + 1);
  let deleted = 0;
  let throughId = 0;
  let after = 0;
  for (;;) {
    const rows = await db.processChange.findMany({
      where: { changedAt: { lt: olderThan }, id: { gt: after, lt: keptFrom } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, processId: true },
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const newest = await db.processChange.groupBy({
      by: ["processId"],
      where: { processId: { in: [...new Set(rows.map((r) => r.processId))] } },
      _max: { id: true },
    });
    const keep = new Set(newest.map((n) => n._max.id));
    // A change newer than the newest seen here may have arrived since: the rows removed stay older than it.
    const doomed = rows.filter((r) => !keep.has(r.id)).map((r) => r.id);
    if (doomed.length === 0) continue;
    throughId = Math.max(throughId, ...doomed);
    const { count } = await db.$transaction(async (tx) => {
      await anchorPrunedRows(tx, doomed);
      await tx.historyPrune.update({ where: { id: run.id }, data: { throughId } });
      return tx.processChange.deleteMany({ where: { id: { in: doomed } } });
    });
    deleted += count;
  }
  await db.historyPrune.update({ where: { id: run.id }, data: { deleted } });
  return { olderThan, deleted, throughId };
}

/** The highest change id a prune removed (0 when none): a replay from below it would have holes. */
export async function prunedThroughId(): Promise<number> {
  const row = await db.historyPrune.findFirst({ orderBy: { throughId: "desc" }, select: { throughId: true } });
  return row?.throughId ?? 0;
}

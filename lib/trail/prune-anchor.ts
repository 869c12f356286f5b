import "server-only";
import type { db } from "@/lib/db/client";
import { xorHashes } from "@/lib/trail/canonical-content";
import { type HeadRow, readRangeHashesSql, SET_ANCHOR_SQL, TAKE_HEAD_SQL } from "@/lib/trail/trail-sql";

// History pruning and the trail (docs/decisions/035): pruning removes old rows but each process's newest, so the
// rows left up to the highest removed id are no longer linked one to the next. In the same transaction as each
// batch's deletion the history chain's head records the anchor: the region's end (anchorId), the hash of its last
// row (the first row after it links to that), and the count and XOR of the hashes of the rows left in it, which
// the verifier checks instead of links.

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

const CHAIN = "process_changes";

/** Moves the anchor over rows about to be deleted (all sealed, ids below the head); call before deleting them. */
export async function anchorPrunedRows(tx: Tx, doomed: number[]): Promise<void> {
  const [head] = await tx.$queryRawUnsafe<HeadRow[]>(TAKE_HEAD_SQL, CHAIN);
  if (!head || doomed.length === 0) return;
  const oldEnd = Number(head.anchorId);
  const newEnd = Math.max(oldEnd, ...doomed);
  let digest = head.anchorDigest;
  let count = Number(head.anchorCount);
  let endHash = head.anchorHash;
  // Rows that join the region, all of them first (the doomed among them leave again below).
  const joining = await tx.$queryRawUnsafe<{ id: number; hash: string | null }[]>(
    readRangeHashesSql(CHAIN),
    oldEnd,
    newEnd,
  );
  for (const row of joining) {
    if (row.hash === null) throw new Error(`history row ${row.id} is not sealed; seal before pruning`);
    digest = xorHashes(digest, row.hash);
    count++;
    if (Number(row.id) === newEnd) endHash = row.hash;
  }
  const leaving = await tx.processChange.findMany({ where: { id: { in: doomed } }, select: { hash: true } });
  for (const row of leaving) {
    digest = xorHashes(digest, row.hash!);
    count--;
  }
  await tx.$executeRawUnsafe(SET_ANCHOR_SQL, newEnd, endHash, count, count === 0 ? null : digest, CHAIN);
}

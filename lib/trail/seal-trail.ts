import "server-only";
import { db } from "@/lib/db/client";
import { errorFields, logger } from "@/lib/logger";
import {
  canonicalContent,
  type Chain,
  CHAINS,
  contentValues,
  GENESIS_HASH,
  linkHash,
} from "@/lib/trail/canonical-content";
import {
  type HeadRow,
  type LinkRow,
  MOVE_HEAD_SQL,
  readLinksSql,
  TAKE_HEAD_SQL,
  writeLinksSql,
} from "@/lib/trail/trail-sql";

// The sealer (docs/decisions/035): rows are written unsealed (hash null) by the app and by the triggers alike,
// and sealed here, in id order, each linking to the previous one. It takes the chain's head row first, so two
// sealers (two instances, the CLI) queue there and the chain stays linear. A row past the head that already has a
// hash was not sealed here: sealing stops before it, and the verifier names it.

const BATCH = 5_000;
const SOON_MS = 100;

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Seals up to one batch; `more` when the batch was full and every row in it was sealed. */
async function sealBatch(tx: Tx, chain: Chain): Promise<{ sealed: number; more: boolean }> {
  const [head] = await tx.$queryRawUnsafe<HeadRow[]>(TAKE_HEAD_SQL, chain);
  if (!head) return { sealed: 0, more: false }; // a missing head is itself a break, which the verifier reports
  const rows = await tx.$queryRawUnsafe<LinkRow[]>(readLinksSql(chain), Number(head.lastId), BATCH);
  let prev = head.lastHash ?? GENESIS_HASH;
  const links: { id: number; h: string; p: string }[] = [];
  for (const row of rows) {
    if (row.hash !== null) break;
    const hash = linkHash(prev, canonicalContent(chain, contentValues(chain, row)));
    links.push({ id: Number(row.id), h: hash, p: prev });
    prev = hash;
  }
  if (links.length === 0) return { sealed: 0, more: false };
  await tx.$executeRawUnsafe(writeLinksSql(chain), JSON.stringify(links));
  await tx.$executeRawUnsafe(MOVE_HEAD_SQL, links.at(-1)!.id, prev, new Date(), chain);
  return { sealed: links.length, more: links.length === BATCH };
}

/** Seals every unsealed row of the chain after its head; returns how many it sealed. */
export async function sealChain(chain: Chain): Promise<number> {
  let total = 0;
  for (;;) {
    const { sealed, more } = await db.$transaction((tx) => sealBatch(tx, chain), { timeout: 60_000, maxWait: 10_000 });
    total += sealed;
    if (!more) return total;
  }
}

/** Seals both chains; returns how many rows of each it sealed. */
export async function sealTrail(): Promise<Record<Chain, number>> {
  const result = {} as Record<Chain, number>;
  for (const chain of CHAINS) result[chain] = await sealChain(chain);
  return result;
}

let timer: NodeJS.Timeout | undefined;
let running: Promise<void> | undefined;
let again = false;

async function runSeal(): Promise<void> {
  try {
    do {
      again = false;
      await sealTrail();
    } while (again);
  } catch (error) {
    // The next request or the schedule seals what is left; nothing is lost meanwhile.
    logger.warn("trail sealing failed", errorFields(error));
  } finally {
    running = undefined;
  }
}

/**
 * Seals soon after a write (its transaction has committed by then; a burst is sealed once). The schedule
 * (lib/trail/trail-schedule.ts) catches what this misses: outside writers' rows, a write still uncommitted.
 */
export function requestSeal(): void {
  if (running) {
    again = true;
    return;
  }
  timer ??= setTimeout(() => {
    timer = undefined;
    running = runSeal();
  }, SOON_MS);
  timer.unref?.();
}

/** Runs a pending seal now and waits for it (the CLI before it exits: its writes are sealed by itself). */
export async function flushSealing(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = undefined;
    running ??= runSeal();
  }
  await running;
}

/** Drops a pending seal and waits for a running one (a test closing its database, the CLI before it exits). */
export async function settleSealing(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  await running;
}

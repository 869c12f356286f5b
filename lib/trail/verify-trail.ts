import "server-only";
import { db } from "@/lib/db/client";
import { canonicalContent, type Chain, CHAINS, GENESIS_HASH, linkHash, xorHashes } from "@/lib/trail/canonical-content";
import { type HeadRow, type LinkRow, READ_HEAD_SQL, readLinksSql } from "@/lib/trail/trail-sql";

// The verifier (docs/decisions/035): walks each chain in id order and names the first broken link. A sealed row
// must hash to its own hash from its prevHash and content (else it was edited), and link to the row before it
// (else one was deleted, inserted or moved); the newest sealed row must be the head's (else the end was cut off);
// no row past the head may carry a hash (one the sealer did not write). Rows that history pruning removed leave
// an anchor: up to anchorId rows are not linked, but their count and the XOR of their hashes must match it.

const PAGE = 20_000;
const ATTEMPTS = 3;

/** The first broken link: the table, the row id (null when the chain's head itself is missing), what is wrong. */
export type TrailBreak = { chain: Chain; id: number | null; problem: string };

export type ChainReport = {
  chain: Chain;
  rows: number;
  sealed: number;
  unsealed: number;
  lastId: number;
  lastHash: string | null;
};

export type TrailReport = { ok: boolean; break: TrailBreak | null; chains: ChainReport[] };

class Broken extends Error {
  constructor(readonly found: TrailBreak) {
    super(found.problem);
  }
}

async function readHead(chain: Chain): Promise<HeadRow | undefined> {
  const [head] = await db.$queryRawUnsafe<HeadRow[]>(READ_HEAD_SQL, chain);
  return (
    head && {
      ...head,
      lastId: Number(head.lastId),
      anchorId: Number(head.anchorId),
      anchorCount: Number(head.anchorCount),
    }
  );
}

const sameHead = (a: HeadRow | undefined, b: HeadRow | undefined) => JSON.stringify(a) === JSON.stringify(b);

async function walk(chain: Chain, head: HeadRow): Promise<ChainReport> {
  const fail = (id: number | null, problem: string): never => {
    throw new Broken({ chain, id, problem });
  };
  const report: ChainReport = { chain, rows: 0, sealed: 0, unsealed: 0, lastId: head.lastId, lastHash: head.lastHash };
  const sql = readLinksSql(chain);
  let expected = head.anchorId > 0 ? head.anchorHash : GENESIS_HASH;
  let previousId: number | null = null;
  let lastSealed: { id: number; hash: string } | null = null;
  let anchorCount = 0;
  let anchorDigest: string | null = null;
  let anchorChecked = head.anchorId === 0;
  const checkAnchor = () => {
    anchorChecked = true;
    if (anchorCount !== head.anchorCount || anchorDigest !== head.anchorDigest)
      fail(
        head.anchorId,
        `the rows up to id ${head.anchorId} left by history pruning differ from its record (${anchorCount} rows, recorded ${head.anchorCount}): one was deleted, inserted or changed`,
      );
  };
  let after = -2_147_483_648; // ids are 32-bit integers; a direct insert may use 0 or below
  for (;;) {
    const rows = await db.$queryRawUnsafe<LinkRow[]>(sql, after, PAGE);
    for (const row of rows) {
      const id = Number(row.id);
      report.rows++;
      if (id > head.lastId) {
        if (row.hash !== null)
          fail(
            id,
            `has a hash past the chain's newest sealed row (id ${head.lastId}): inserted, or the chain's head was moved back`,
          );
        report.unsealed++;
        continue;
      }
      if (row.hash === null || row.prevHash === null)
        fail(id, "is not sealed, though older than the chain's newest sealed row: inserted, or its hash removed");
      if (linkHash(row.prevHash!, canonicalContent(chain, row)) !== row.hash)
        fail(id, "does not match its hash: its content or its hash was changed");
      report.sealed++;
      lastSealed = { id, hash: row.hash! };
      if (id <= head.anchorId) {
        // Pruned region: not linked one to the next; counted and digested against the anchor instead.
        anchorCount++;
        anchorDigest = xorHashes(anchorDigest, row.hash!);
        previousId = id;
        continue;
      }
      if (!anchorChecked) checkAnchor();
      if (row.prevHash !== expected)
        fail(
          id,
          previousId === null
            ? "does not link to the start of the chain: a row before it was deleted, or rows were moved"
            : `does not link to the row before it (id ${previousId}): a row between them was deleted or inserted, or rows were moved`,
        );
      expected = row.hash;
      previousId = id;
    }
    if (rows.length < PAGE) break;
    after = Number(rows.at(-1)!.id);
  }
  if (!anchorChecked) checkAnchor();
  if (head.lastId > 0 && lastSealed?.id !== head.lastId)
    fail(head.lastId, `the chain's newest sealed row (id ${head.lastId}) is missing: rows at its end were deleted`);
  if (head.lastId > 0 && lastSealed?.hash !== head.lastHash)
    fail(head.lastId, "the chain's newest sealed row differs from the chain's head: it was replaced");
  return report;
}

async function verifyChain(chain: Chain): Promise<ChainReport> {
  for (let attempt = 1; ; attempt++) {
    const head = await readHead(chain);
    if (!head) throw new Broken({ chain, id: null, problem: "the chain's head row (trail_heads) is missing" });
    try {
      return await walk(chain, head);
    } catch (error) {
      // The sealer or a prune moved on while this walked: what looked broken may be their newer work; walk again.
      if (error instanceof Broken && attempt < ATTEMPTS && !sameHead(head, await readHead(chain))) continue;
      throw error;
    }
  }
}

/** Checks both chains whole; the first break found, if any, with what each chain holds. */
export async function verifyTrail(): Promise<TrailReport> {
  const chains: ChainReport[] = [];
  for (const chain of CHAINS) {
    try {
      chains.push(await verifyChain(chain));
    } catch (error) {
      if (error instanceof Broken) return { ok: false, break: error.found, chains };
      throw error;
    }
  }
  return { ok: true, break: null, chains };
}

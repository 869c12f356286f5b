import "server-only";
import { db } from "@/lib/db/client";
import { openSqliteSnapshot } from "@/lib/db/sqlite-snapshot";
import { databaseProvider } from "@/lib/env";
import {
  canonicalContent,
  type Chain,
  CHAINS,
  contentColumns,
  GENESIS_HASH,
  linkHash,
  xorHashes,
} from "@/lib/trail/canonical-content";
import { type HeadRow, READ_HEAD_SQL, readLinksSql } from "@/lib/trail/trail-sql";

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

/** Where the verifier reads: SQLite a read-only snapshot of its own (rows as arrays), PostgreSQL the client. */
type Source = {
  head: (chain: Chain) => Promise<HeadRow | undefined>;
  /** Rows after an id, in id order: contentColumns' values, then hash and prevHash. */
  page: (chain: Chain, after: number, limit: number) => Promise<unknown[][]>;
  close: () => void;
};

const toHead = (h: unknown[]): HeadRow => ({
  lastId: Number(h[0]),
  lastHash: (h[1] as string | null) ?? null,
  anchorId: Number(h[2]),
  anchorHash: (h[3] as string | null) ?? null,
  anchorCount: Number(h[4]),
  anchorDigest: (h[5] as string | null) ?? null,
});

function openSource(): Source {
  if (databaseProvider === "sqlite") {
    const snapshot = openSqliteSnapshot();
    return {
      head: async (chain) => {
        const [row] = snapshot.rows(READ_HEAD_SQL, [chain]);
        return row && toHead(row);
      },
      page: async (chain, after, limit) => snapshot.rows(readLinksSql(chain), [after, limit]),
      close: snapshot.close,
    };
  }
  return {
    head: async (chain) => {
      const [row] = await db.$queryRawUnsafe<HeadRow[]>(READ_HEAD_SQL, chain);
      return row && toHead(Object.values(row));
    },
    page: async (chain, after, limit) => {
      const columns = [...contentColumns(chain), "hash", "prevHash"];
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(readLinksSql(chain), after, limit);
      return rows.map((row) => columns.map((column) => row[column]));
    },
    close: () => undefined,
  };
}

async function walk(source: Source, chain: Chain, head: HeadRow): Promise<ChainReport> {
  const fail = (id: number | null, problem: string): never => {
    throw new Broken({ chain, id, problem });
  };
  const report: ChainReport = { chain, rows: 0, sealed: 0, unsealed: 0, lastId: head.lastId, lastHash: head.lastHash };
  const width = contentColumns(chain).length;
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
    const rows = await source.page(chain, after, PAGE);
    for (const values of rows) {
      // id is the first hashed field; hash and prevHash follow the content.
      const id = Number(values[0]);
      const row = { hash: values[width] as string | null, prevHash: values[width + 1] as string | null };
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
      if (linkHash(row.prevHash!, canonicalContent(chain, values)) !== row.hash)
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
    after = Number(rows.at(-1)![0]);
  }
  if (!anchorChecked) checkAnchor();
  if (head.lastId > 0 && lastSealed?.id !== head.lastId)
    fail(head.lastId, `the chain's newest sealed row (id ${head.lastId}) is missing: rows at its end were deleted`);
  if (head.lastId > 0 && lastSealed?.hash !== head.lastHash)
    fail(head.lastId, "the chain's newest sealed row differs from the chain's head: it was replaced");
  return report;
}

async function headMoved(chain: Chain, head: HeadRow): Promise<boolean> {
  const fresh = openSource();
  try {
    return JSON.stringify(await fresh.head(chain)) !== JSON.stringify(head);
  } finally {
    fresh.close();
  }
}

async function verifyChain(chain: Chain): Promise<ChainReport> {
  for (let attempt = 1; ; attempt++) {
    const source = openSource();
    try {
      const head = await source.head(chain);
      if (!head) throw new Broken({ chain, id: null, problem: "the chain's head row (trail_heads) is missing" });
      try {
        return await walk(source, chain, head);
      } catch (error) {
        // PostgreSQL reads page by page: the sealer or a prune may have moved on while this walked, and what looked
        // broken be their newer work. Walk again when the head changed (a SQLite snapshot cannot change).
        if (error instanceof Broken && attempt < ATTEMPTS && (await headMoved(chain, head))) continue;
        throw error;
      }
    } finally {
      source.close();
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

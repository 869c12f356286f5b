import "server-only";
import { databaseProvider } from "@/lib/env";
import { type Chain, contentColumns } from "@/lib/trail/canonical-content";

// The SQL of the trail, per provider (docs/decisions/035). Table names come from the closed list of chains,
// never from input.

const sqlite = databaseProvider === "sqlite";
const p = (n: number) => (sqlite ? "?" : `$${n}`);

/** A row as the sealer and the verifier read it: its hashed fields, and its link. */
export type LinkRow = Record<string, unknown> & { id: number; hash: string | null; prevHash: string | null };

export type HeadRow = {
  lastId: number;
  lastHash: string | null;
  anchorId: number;
  anchorHash: string | null;
  anchorCount: number;
  anchorDigest: string | null;
};

const HEAD_COLUMNS = `"lastId", "lastHash", "anchorId", "anchorHash", "anchorCount", "anchorDigest"`;

/** Takes the chain's head row (a row lock on PostgreSQL, the write lock on SQLite) and returns it. */
export const TAKE_HEAD_SQL = `UPDATE trail_heads SET "lastId" = "lastId" WHERE chain = ${p(1)} RETURNING ${HEAD_COLUMNS}`;

export const READ_HEAD_SQL = `SELECT ${HEAD_COLUMNS} FROM trail_heads WHERE chain = ${p(1)}`;

export const MOVE_HEAD_SQL = `UPDATE trail_heads SET "lastId" = ${p(1)}, "lastHash" = ${p(2)}, "sealedAt" = ${p(3)} WHERE chain = ${p(4)}`;

export const SET_ANCHOR_SQL = `UPDATE trail_heads SET "anchorId" = ${p(1)}, "anchorHash" = ${p(2)}, "anchorCount" = ${p(3)}, "anchorDigest" = ${p(4)} WHERE chain = ${p(5)}`;

const quoted = (column: string) => `"${column}"`;

/** Rows of a chain after an id, in id order, at most a limit. Parameters: after, limit. */
export function readLinksSql(chain: Chain): string {
  const columns = [...contentColumns(chain), "hash", "prevHash"].map(quoted).join(", ");
  return `SELECT ${columns} FROM ${chain} WHERE id > ${p(1)} ORDER BY id LIMIT ${p(2)}`;
}

/** Rows of a chain with ids in a range, for the prune anchor. Parameters: after, through. */
export function readRangeHashesSql(chain: Chain): string {
  return `SELECT id, hash FROM ${chain} WHERE id > ${p(1)} AND id <= ${p(2)} ORDER BY id`;
}

/** Writes links given as one JSON parameter `[{id, h, p}]`, only into rows still unsealed. */
export function writeLinksSql(chain: Chain): string {
  return sqlite
    ? `UPDATE ${chain} SET hash = json_extract(j.value, '$.h'), "prevHash" = json_extract(j.value, '$.p')
         FROM json_each(?) AS j WHERE ${chain}.id = json_extract(j.value, '$.id') AND ${chain}.hash IS NULL`
    : `UPDATE ${chain} AS t SET hash = x.h, "prevHash" = x.p
         FROM jsonb_to_recordset($1::jsonb) AS x(id integer, h text, p text) WHERE t.id = x.id AND t.hash IS NULL`;
}

/**
 * PostgreSQL: audit events take this transaction-scoped advisory lock before they are inserted, so that their ids
 * follow commit order, as history ids do through the revision row (docs/decisions/010): the sealer, reading the
 * committed rows in id order, then never meets a lower id committed later. SQLite: its single writer does that.
 */
export const AUDIT_ORDER_LOCK_SQL: string | null = sqlite ? null : "SELECT 1 FROM pg_advisory_xact_lock(7293541023)";

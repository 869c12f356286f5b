import { createHash } from "node:crypto";

// What each link of the tamper-evident trail hashes (docs/decisions/035). A link's hash is
// SHA-256( prevHash + "\n" + canonical content ), the content being JSON of the chain's name, the row's fields in
// the ORDER of HASHED_FIELDS, then each field of ADDED_FIELDS that is not null, as [name, value]. Columns added
// to a chained table later (change control: reason, signature manifestation) go at the END of ADDED_FIELDS:
// rows sealed before they existed hold null there and keep their hashes, and a value set or cleared afterwards
// in such a row changes its content, so it is detected like any edit. Never reorder or remove an entry.

/** The chains: one per table, each ordered by id. */
export const CHAINS = ["process_changes", "audit_events"] as const;
export type Chain = (typeof CHAINS)[number];

/** The hashed fields of each chain, in order. Date fields are hashed as ISO 8601 UTC with milliseconds. */
export const HASHED_FIELDS = {
  process_changes: [
    "id",
    "processId",
    "version",
    "name",
    "comment",
    "previousName",
    "previousComment",
    "changedAt",
    "actorType",
    "actorId",
    "actorName",
    "requestId",
    "kind",
  ],
  audit_events: [
    "id",
    "at",
    "action",
    "actorType",
    "actorId",
    "actorName",
    "targetType",
    "targetId",
    "targetName",
    "ip",
    "requestId",
    "detail",
  ],
} as const satisfies Record<Chain, readonly string[]>;

/** Fields added after the chain began: hashed as [name, value] when not null, in this order (see above). */
export const ADDED_FIELDS = {
  // change control (issue 23): append "reason" and the signature manifestation columns here.
  process_changes: [],
  audit_events: [],
} as const satisfies Record<Chain, readonly string[]>;

const DATE_FIELDS: ReadonlySet<string> = new Set(["changedAt", "at"]);
const INTEGER_FIELDS: ReadonlySet<string> = new Set(["id", "processId", "version", "actorId"]);

/** The previous hash of a chain's first row. */
export const GENESIS_HASH = "0".repeat(64);

// SQLite hands dates back as it stored them: ISO text from the app and the triggers, `YYYY-MM-DD HH:MM:SS` from
// CURRENT_TIMESTAMP (UTC, without a zone), or epoch milliseconds; PostgreSQL as Date.
function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value)).toISOString();
  const text = String(value);
  const plain = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text);
  return new Date(plain ? `${text.replace(" ", "T")}Z` : text).toISOString();
}

function normalized(field: string, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (DATE_FIELDS.has(field)) return isoDate(value);
  if (INTEGER_FIELDS.has(field)) return Number(value);
  return String(value);
}

/** The canonical text of one row of a chain: its fields in the listed order, normalized, as JSON. */
export function canonicalContent(chain: Chain, row: Record<string, unknown>): string {
  const values: unknown[] = [chain, ...HASHED_FIELDS[chain].map((field) => normalized(field, row[field]))];
  for (const field of ADDED_FIELDS[chain] as readonly string[]) {
    const value = normalized(field, row[field]);
    if (value !== null) values.push([field, value]);
  }
  return JSON.stringify(values);
}

/** Every column the content reads, for the queries that load rows. */
export function contentColumns(chain: Chain): readonly string[] {
  return [...HASHED_FIELDS[chain], ...(ADDED_FIELDS[chain] as readonly string[])];
}

/** The hash of a link: SHA-256 (hex) over the previous link's hash and the row's canonical content. */
export function linkHash(prevHash: string, content: string): string {
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/** XOR of hex hashes (the prune anchor's order-free digest of the rows it no longer links). */
export function xorHashes(a: string | null, b: string): string {
  if (a === null) return b;
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  for (let i = 0; i < x.length; i++) x[i]! ^= y[i]!;
  return x.toString("hex");
}

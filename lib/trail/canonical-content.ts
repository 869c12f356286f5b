import crypto from "node:crypto";

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
  // Change control (issue 23, docs/decisions/032): the reason and the signature manifestation.
  process_changes: ["reason", "signerKind", "signerId", "signerName", "signedAt", "signerTimeZone", "signatureMeaning"],
  audit_events: [],
} as const satisfies Record<Chain, readonly string[]>;

const DATE_FIELDS: ReadonlySet<string> = new Set(["changedAt", "at", "signedAt"]);
const INTEGER_FIELDS: ReadonlySet<string> = new Set(["id", "processId", "version", "actorId", "signerId"]);

/** The previous hash of a chain's first row. */
export const GENESIS_HASH = "0".repeat(64);

// SQLite hands dates back as it stored them: ISO text from the app and the triggers, `YYYY-MM-DD HH:MM:SS` from
// CURRENT_TIMESTAMP (UTC, without a zone), or epoch milliseconds; PostgreSQL as Date.
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" && ISO.test(value)) return value; // already canonical: the verifier's hot path
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

/** Every column the content reads, in order: the queries that load rows select these. */
export function contentColumns(chain: Chain): readonly string[] {
  return [...HASHED_FIELDS[chain], ...(ADDED_FIELDS[chain] as readonly string[])];
}

/** The canonical text of one row of a chain, from its values in contentColumns order. */
export function canonicalContent(chain: Chain, values: readonly unknown[]): string {
  const fields = contentColumns(chain);
  const base = HASHED_FIELDS[chain].length;
  const out: unknown[] = [chain];
  for (let i = 0; i < base; i++) out.push(normalized(fields[i]!, values[i]));
  for (let i = base; i < fields.length; i++) {
    const value = normalized(fields[i]!, values[i]);
    if (value !== null) out.push([fields[i], value]);
  }
  return JSON.stringify(out);
}

/** A row object's values in contentColumns order. */
export function contentValues(chain: Chain, row: Record<string, unknown>): unknown[] {
  return contentColumns(chain).map((field) => row[field]);
}

/** The hash of a link: SHA-256 (hex) over the previous link's hash and the row's canonical content. */
export function linkHash(prevHash: string, content: string): string {
  const text = `${prevHash}\n${content}`;
  // crypto.hash (Node 20.12+) is a third of createHash's cost per call: it matters over a million rows.
  return typeof crypto.hash === "function"
    ? crypto.hash("sha256", text, "hex")
    : crypto.createHash("sha256").update(text).digest("hex");
}

/** XOR of hex hashes (the prune anchor's order-free digest of the rows it no longer links). */
export function xorHashes(a: string | null, b: string): string {
  if (a === null) return b;
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  for (let i = 0; i < x.length; i++) x[i]! ^= y[i]!;
  return x.toString("hex");
}

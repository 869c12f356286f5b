import type { TrailRow } from "@/lib/trail/trail-rows";

// The columns of the inspector's exports, in order, shared by the CSV and the printable report.

const KINDS: Record<string, string> = { create: "created", update: "updated", delete: "deleted" };

export type TrailColumn = { key: string; value: (row: TrailRow) => string | number | null };

export const TRAIL_COLUMNS: TrailColumn[] = [
  { key: "id", value: (r) => r.id },
  { key: "processId", value: (r) => r.processId },
  { key: "kind", value: (r) => KINDS[r.kind] ?? r.kind },
  { key: "version", value: (r) => r.version },
  { key: "name", value: (r) => r.name },
  { key: "comment", value: (r) => r.comment },
  { key: "previousName", value: (r) => r.previousName },
  { key: "previousComment", value: (r) => r.previousComment },
  { key: "changedAt", value: (r) => r.changedAt.toISOString() },
  { key: "actorType", value: (r) => r.actorType },
  { key: "actorId", value: (r) => r.actorId },
  { key: "actorName", value: (r) => r.actorName },
  { key: "requestId", value: (r) => r.requestId },
  // CHANGE-CONTROL (issue 23): the reason and each signature's manifestation go HERE, once the history rows have
  // them: { key: "reason" }, { key: "signerName" }, { key: "signedAt" } (ISO 8601 with the signer's offset),
  // { key: "signatureMeaning" }; add their labels under trailReport.columns in messages/*.json.
  { key: "hash", value: (r) => r.hash },
  { key: "prevHash", value: (r) => r.prevHash },
];

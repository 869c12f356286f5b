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
  // Change control (issue 23): why, and each electronic signature's manifestation (who, when in their zone, meaning).
  { key: "reason", value: (r) => r.reason },
  { key: "signerName", value: (r) => r.signerName },
  { key: "signedAt", value: (r) => r.signedAt?.toISOString() ?? null },
  { key: "signerTimeZone", value: (r) => r.signerTimeZone },
  { key: "signatureMeaning", value: (r) => r.signatureMeaning },
  { key: "hash", value: (r) => r.hash },
  { key: "prevHash", value: (r) => r.prevHash },
];

import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { prunedThroughId } from "@/lib/processes/prune-history";
import type { ChangedBy, ProcessChange } from "@/lib/validations/process-history";

type ChangeRow = {
  id: number;
  processId: number;
  version: number;
  name: string;
  comment: string;
  previousName: string | null;
  previousComment: string | null;
  changedAt: Date;
  actorType: string;
  actorId: number | null;
  actorName: string | null;
  requestId: string | null;
  kind: string;
  reason?: string | null;
  signerKind?: string | null;
  signerId?: number | null;
  signerName?: string | null;
  signedAt?: Date | null;
  signerTimeZone?: string | null;
  signatureMeaning?: string | null;
};

// History rows say create/update/delete; the API says what happened to the process.
const KINDS: Record<string, ProcessChange["kind"]> = { create: "created", update: "updated", delete: "deleted" };

/** The signature manifestation of a signed row (docs/decisions/032-change-control.md); undefined when unsigned. */
function signatureOf(row: ChangeRow): ProcessChange["signature"] {
  if (!row.signerKind || !row.signedAt || row.signerName == null) return undefined;
  return {
    signer: { type: row.signerKind === "token" ? "token" : "user", id: row.signerId ?? null, name: row.signerName },
    signedAt: row.signedAt.toISOString(),
    timeZone: row.signerTimeZone ?? "UTC",
    meaning: (row.signatureMeaning ?? "authored") as NonNullable<ProcessChange["signature"]>["meaning"],
  };
}

export function toProcessChange(row: ChangeRow): ProcessChange {
  const signature = signatureOf(row);
  return {
    id: row.id,
    processId: row.processId,
    version: row.version,
    name: row.name,
    comment: row.comment,
    previous: row.previousName === null ? null : { name: row.previousName, comment: row.previousComment ?? "" },
    changedAt: row.changedAt.toISOString(),
    changedBy: { type: row.actorType as ChangedBy["type"], id: row.actorId, name: row.actorName },
    requestId: row.requestId,
    kind: KINDS[row.kind] ?? "updated",
    // Present only when there is one: with change control off, answers and events stay exactly as before.
    ...(row.reason != null ? { reason: row.reason } : {}),
    ...(signature ? { signature } : {}),
  };
}

/** One process's changes, newest first, older than `before` (a change id) when given; 1005 when none are found and there is no such process (with or without `before`). */
export async function listProcessHistory(options: {
  processId: number;
  before?: number;
  limit: number;
}): Promise<ProcessChange[]> {
  const { processId, before, limit } = options;
  const rows = await db.processChange.findMany({
    where: { processId, ...(before !== undefined ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: limit,
  });
  if (rows.length === 0 && !(await db.process.count({ where: { id: processId } }))) {
    throw new AppError(1005, `Process ${processId} does not exist`);
  }
  return rows.map(toProcessChange);
}

/** Every change after `after` (a change id), oldest first, at most `limit`: the replay of the event stream. */
export async function listChangesAfter(options: { after: number; limit: number }): Promise<ProcessChange[]> {
  const rows = await db.processChange.findMany({
    where: { id: { gt: options.after } },
    orderBy: { id: "asc" },
    take: options.limit,
  });
  return rows.map(toProcessChange);
}

/**
 * How many changes there are after `after`, counting at most `cap` (enough to tell "more than"). Changes a
 * history prune removed after `after` count as `cap`: they can no longer be replayed, so the stream resets.
 */
export async function countChangesAfter(options: { after: number; cap: number }): Promise<number> {
  if (options.after < (await prunedThroughId())) return options.cap;
  const rows = await db.processChange.findMany({
    where: { id: { gt: options.after } },
    orderBy: { id: "asc" },
    skip: options.cap - 1,
    take: 1,
    select: { id: true },
  });
  return rows.length === 0 ? 0 : options.cap;
}

/** The newest change id (0 when none). */
export async function lastChangeId(): Promise<number> {
  const row = await db.processChange.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0;
}

import "server-only";
import { recordAudit, type AuditSource } from "@/lib/audit/record-audit";
import type { Caller } from "@/lib/auth/caller-type";
import { isProtected } from "@/lib/change-control/policy";
import { manifestationOf, partyOf, toChangeRequest } from "@/lib/change-requests/change-request-records";
import { wakeChangeRequestFeed } from "@/lib/change-requests/change-request-feed";
import { db } from "@/lib/db/client";
import type { SignatureRecord } from "@/lib/processes/actor";
import type { ChangeControlPolicy } from "@/lib/validations/change-control";
import type { ChangeRequest, ChangeRequestItem } from "@/lib/validations/change-request";

// Four-eyes approval (docs/decisions/043-four-eyes-approval.md): under the policy's `approval`, a write that would
// change a protected process is held as ONE change request (the whole write, bulk included) instead of written.

export type ProposedItem = { id: number; name: string; comment: string; version?: number; reason: string | null };

const CHUNK = 500;

async function currentRows(ids: number[]) {
  const rows: { id: number; name: string; comment: string; version: number }[] = [];
  for (let i = 0; i < ids.length; i += CHUNK)
    rows.push(
      ...(await db.process.findMany({
        where: { id: { in: ids.slice(i, i + CHUNK) } },
        select: { id: true, name: true, comment: true, version: true },
      })),
    );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * What a write becomes under four-eyes approval: a change request (`held`), or a write as usual. Written as usual:
 * approval off, no protected process whose values would change, or a write the usual path refuses anyway (a
 * process missing, a version already stale: the same 1001 or 1007 as without approval, nothing held).
 * `pinned` gives each protected item the version this decision read: the write must name it (when the caller
 * named none), so a protected process that an approval changed meanwhile is refused (1007), never overwritten by
 * a write that was let through as "changing nothing protected". Each held item's base version is the one the
 * write named, else the current one. Records `change-request.created` in the same transaction.
 */
export async function requestApprovalIfNeeded(options: {
  policy: ChangeControlPolicy;
  caller: Caller;
  items: ProposedItem[];
  signature: SignatureRecord | null;
  audit: AuditSource;
}): Promise<{ held: ChangeRequest | null; pinned: ReadonlyMap<number, number> }> {
  const { policy, items } = options;
  const asUsual = { held: null, pinned: new Map<number, number>() };
  if (!policy.approval || !items.some((item) => isProtected(policy, item.id))) return asUsual;
  const current = await currentRows(items.map((item) => item.id));
  const proposed: ChangeRequestItem[] = [];
  let guarded = false;
  for (const item of items) {
    const now = current.get(item.id);
    if (!now || (item.version !== undefined && item.version !== now.version)) return asUsual;
    const differs = item.name !== now.name || item.comment !== now.comment;
    if (differs && isProtected(policy, item.id)) guarded = true;
    proposed.push({
      id: item.id,
      name: item.name,
      comment: item.comment,
      baseVersion: now.version,
      before: { name: now.name, comment: now.comment },
      reason: item.reason,
    });
  }
  if (!guarded) {
    const pinned = new Map(proposed.filter((item) => isProtected(policy, item.id)).map((i) => [i.id, i.baseVersion]));
    return { held: null, pinned };
  }
  const requester = partyOf(options.caller);
  const reasons = [...new Set(proposed.map((item) => item.reason).filter((r): r is string => r !== null))];
  const row = await db.$transaction(async (tx) => {
    const created = await tx.changeRequest.create({
      data: {
        items: JSON.stringify(proposed),
        processIds: JSON.stringify(proposed.map((item) => item.id)),
        itemCount: proposed.length,
        reason:
          reasons.length === 1
            ? reasons[0]!
            : reasons.length > 1
              ? Array.from(reasons.join("; ")).slice(0, 500).join("")
              : null,
        requesterKind: requester.type,
        requesterId: requester.id,
        requesterName: requester.name,
        requestId: options.audit.requestId ?? null,
        requesterSignature: manifestationOf(options.signature),
      },
    });
    await recordAudit(
      {
        action: "change-request.created",
        ...options.audit,
        detail: { changeRequest: created.id, items: proposed.length, processIds: idsText(proposed) },
      },
      tx,
    );
    return created;
  });
  wakeChangeRequestFeed();
  return { held: toChangeRequest(row, true), pinned: new Map() };
}

/** The first ids of a request, for an audit event's flat detail. */
export function idsText(items: { id: number }[]): string {
  const ids = items.slice(0, 20).map((item) => item.id);
  return ids.join(",") + (items.length > 20 ? `,… (${items.length})` : "");
}

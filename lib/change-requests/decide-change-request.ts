import "server-only";
import { recordAudit, type AuditSource } from "@/lib/audit/record-audit";
import type { Caller } from "@/lib/auth/caller-type";
import { readChangeControl } from "@/lib/change-control/policy";
import { takeSignature } from "@/lib/change-control/take-signature";
import { wakeChangeRequestFeed } from "@/lib/change-requests/change-request-feed";
import {
  alreadyDecided,
  findChangeRequestRow,
  manifestationOf,
  partyOf,
  personBehind,
  toChangeRequest,
  type ChangeRequestRow,
} from "@/lib/change-requests/change-request-records";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor, SignatureRecord } from "@/lib/processes/actor";
import { writeProcesses, type Tx } from "@/lib/processes/write-processes";
import type { SignatureInput } from "@/lib/validations/change-control";
import type { ChangeRequest, ChangeRequestItem } from "@/lib/validations/change-request";
import { issue } from "@/lib/validations/issues";

// Deciding a change request (docs/decisions/043-four-eyes-approval.md): approvers (Super users and people with
// the approver right, never the requester) approve or reject; the requester withdraws. A request leaves
// `pending` once: the claim is a conditional update inside the decision's transaction, so two deciders cannot
// both win, and an approval's writes roll back with a lost claim.

type Decision = { id: number; caller: Caller; audit: AuditSource };

async function mayApprove(caller: Caller): Promise<boolean> {
  if (caller.role === "Super user") return true;
  if (caller.kind !== "session") return false;
  const user = await db.user.findUnique({ where: { id: caller.userId }, select: { approver: true } });
  return user?.approver === true;
}

async function checkApprover(row: ChangeRequestRow, caller: Caller): Promise<void> {
  if (!(await mayApprove(caller)))
    throw new AppError(3001, "Only Super users and people with the approver right decide change requests");
  const requester = await personBehind({ type: row.requesterKind, id: row.requesterId });
  const decider = await personBehind(partyOf(caller));
  // A token nobody is known to stand behind (made by the CLI, or its maker deleted) could be the requester's own.
  if (decider.startsWith("token:"))
    throw new AppError(3001, "This token's person is not known, so it cannot be a second person: a person decides");
  if (requester === decider)
    throw new AppError(3001, `Change request ${row.id} is your own: a second person must decide it (four eyes)`);
}

/** The decider's signature when the policy asks for one: a person's, re-entered; a token cannot sign (3001). */
async function deciderSignature(decision: Decision, input?: SignatureInput): Promise<SignatureRecord | null> {
  const policy = await readChangeControl();
  if (!policy.signatures) return null;
  const { caller } = decision;
  if (caller.kind === "token")
    throw new AppError(3001, "Deciding a change request needs an electronic signature: an API token cannot sign");
  if (!input)
    throw new AppError(1001, `/signature: ${issue("signatureRequired")}`, {
      errors: [{ pointer: "/signature", detail: issue("signatureRequired") }],
    });
  return takeSignature({ caller, input, pointer: "/signature", audit: decision.audit });
}

/** Marks a pending request decided, in the caller's transaction; a request decided meanwhile refuses (1007). */
async function claim(
  tx: Tx,
  row: ChangeRequestRow,
  state: "approved" | "rejected" | "withdrawn",
  decision: Decision,
  extra: { decisionReason?: string | null; signature?: SignatureRecord | null },
): Promise<void> {
  const decider = partyOf(decision.caller);
  const { count } = await tx.changeRequest.updateMany({
    where: { id: row.id, state: "pending" },
    data: {
      state,
      decidedAt: new Date(),
      deciderKind: decider.type,
      deciderId: decider.id,
      deciderName: decider.name,
      decisionReason: extra.decisionReason ?? null,
      deciderSignature: manifestationOf(extra.signature ?? null),
    },
  });
  if (count === 0) {
    const now = await tx.changeRequest.findUnique({ where: { id: row.id }, select: { state: true } });
    throw alreadyDecided({ id: row.id, state: now?.state ?? "gone" });
  }
  await recordAudit(
    {
      action: `change-request.${state}`,
      ...decision.audit,
      detail: {
        changeRequest: row.id,
        items: row.itemCount,
        requester: row.requesterName,
        ...(extra.decisionReason ? { reason: extra.decisionReason } : {}),
      },
    },
    tx,
  );
}

async function decided(id: number): Promise<ChangeRequest> {
  wakeChangeRequestFeed();
  return toChangeRequest(await findChangeRequestRow(id), true);
}

/**
 * Approves a pending request: every item is written, with its base version as precondition, in ONE transaction
 * with the claim and the audit event. A base that moved is 1007 (409) naming each stale item with the current
 * processes, and nothing is written; the request stays pending (the requester withdraws it and asks again).
 * The history rows name the requester as the author and carry the approver's signature (meaning as given).
 */
export async function approveChangeRequest(
  decision: Decision & { signature?: SignatureInput },
): Promise<ChangeRequest> {
  const row = await findChangeRequestRow(decision.id);
  if (row.state !== "pending") throw alreadyDecided(row);
  await checkApprover(row, decision.caller);
  const signature = await deciderSignature(decision, decision.signature);
  const items = JSON.parse(row.items) as ChangeRequestItem[];
  const author: Actor = { type: row.requesterKind as Actor["type"], id: row.requesterId, name: row.requesterName };
  const outcome = await writeProcesses({
    items: items.map(({ id, name, comment, baseVersion, reason }) => ({
      id,
      name,
      comment,
      version: baseVersion,
      reason,
    })),
    context: { actor: author, requestId: decision.audit.requestId ?? null, signature },
    alsoInTransaction: (tx) => claim(tx, row, "approved", decision, { signature }),
  });
  if (!outcome.ok) {
    // Another approver may have won meanwhile: its writes are what moved the versions. Say so (1008), not 1007.
    const now = await findChangeRequestRow(row.id);
    if (now.state !== "pending") throw alreadyDecided(now);
    const stale = outcome.stale.map(({ index, current }) => ({
      pointer: `/items/${index}/baseVersion`,
      detail: `process ${current.id} is at version ${current.version} now`,
    }));
    const missing = outcome.missing.map((index) => ({
      pointer: `/items/${index}/id`,
      detail: `process ${items[index]!.id} does not exist`,
    }));
    throw new AppError(
      1007,
      `${stale.length + missing.length} of ${items.length} processes changed since change request ${row.id} was ` +
        "made; nothing was written and the request stays pending (withdraw it and ask again on the current versions)",
      { errors: [...stale, ...missing], current: outcome.stale.map((s) => s.current) },
    );
  }
  return decided(row.id);
}

/** Rejects a pending request with a reason (and the decider's signature under the policy); nothing is written. */
export async function rejectChangeRequest(
  decision: Decision & { reason: string; signature?: SignatureInput },
): Promise<ChangeRequest> {
  const row = await findChangeRequestRow(decision.id);
  if (row.state !== "pending") throw alreadyDecided(row);
  await checkApprover(row, decision.caller);
  const signature = await deciderSignature(decision, decision.signature);
  await db.$transaction((tx) => claim(tx, row, "rejected", decision, { decisionReason: decision.reason, signature }));
  return decided(row.id);
}

/** The requester takes their pending request back; nothing is written. */
export async function withdrawChangeRequest(decision: Decision & { reason?: string }): Promise<ChangeRequest> {
  const row = await findChangeRequestRow(decision.id);
  if (row.state !== "pending") throw alreadyDecided(row);
  const requester = await personBehind({ type: row.requesterKind, id: row.requesterId });
  if (requester !== (await personBehind(partyOf(decision.caller))))
    throw new AppError(3001, `Only the one who made change request ${row.id} may withdraw it`);
  await db.$transaction((tx) => claim(tx, row, "withdrawn", decision, { decisionReason: decision.reason ?? null }));
  return decided(row.id);
}

import "server-only";
import type { Caller } from "@/lib/auth/caller-type";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SignatureRecord } from "@/lib/processes/actor";
import type { SignatureManifestation } from "@/lib/validations/change-control";
import type { ChangeRequest, ChangeRequestItem, ChangeRequestState } from "@/lib/validations/change-request";

// Change requests as stored (prisma model ChangeRequest) and as the API answers them (docs/decisions/043).

export type ChangeRequestRow = NonNullable<Awaited<ReturnType<typeof db.changeRequest.findUnique>>>;
/** A row as the list reads it: without its items. */
type ListedRow = Omit<ChangeRequestRow, "items"> | ChangeRequestRow;

/** Who asks or decides: a person (user id) or a token; a token acts for the Super user who created it. */
export type Party = { type: "user" | "token"; id: number; name: string };

export function partyOf(caller: Caller): Party {
  return caller.kind === "token"
    ? { type: "token", id: caller.tokenId, name: caller.tokenName }
    : { type: "user", id: caller.userId, name: caller.email };
}

/** The person behind a party, for the four-eyes rule: a token counts as the user who created it. */
export async function personBehind(party: { type: string; id: number | null }): Promise<string> {
  if (party.type !== "token" || party.id === null) return `${party.type}:${party.id}`;
  const token = await db.apiToken.findUnique({ where: { id: party.id }, select: { createdById: true } });
  return token?.createdById != null ? `user:${token.createdById}` : `token:${party.id}`;
}

export function manifestationOf(signature: SignatureRecord | null): string | null {
  if (!signature) return null;
  const manifestation: SignatureManifestation = {
    signer: { type: signature.signerKind, id: signature.signerId, name: signature.signerName },
    signedAt: signature.signedAt.toISOString(),
    timeZone: signature.timeZone,
    meaning: signature.meaning as SignatureManifestation["meaning"],
  };
  return JSON.stringify(manifestation);
}

const parsed = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function toChangeRequest(row: ListedRow, withItems: boolean): ChangeRequest {
  const items = withItems && "items" in row ? (JSON.parse(row.items) as ChangeRequestItem[]) : null;
  return {
    id: row.id,
    state: row.state as ChangeRequestState,
    itemCount: row.itemCount,
    processIds: JSON.parse(row.processIds) as number[],
    reason: row.reason,
    requester: { type: row.requesterKind as Party["type"], id: row.requesterId, name: row.requesterName },
    requesterSignature: parsed<SignatureManifestation>(row.requesterSignature),
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decider:
      row.deciderKind === null
        ? null
        : { type: row.deciderKind as Party["type"], id: row.deciderId, name: row.deciderName ?? "" },
    decisionReason: row.decisionReason,
    deciderSignature: parsed<SignatureManifestation>(row.deciderSignature),
    ...(items ? { items } : {}),
  };
}

export async function findChangeRequestRow(id: number): Promise<ChangeRequestRow> {
  const row = await db.changeRequest.findUnique({ where: { id } });
  if (!row) throw new AppError(1005, `Change request ${id} does not exist`);
  return row;
}

/** One request with its items (GET /change-requests/{id}). */
export async function findChangeRequest(options: { id: number }): Promise<ChangeRequest> {
  return toChangeRequest(await findChangeRequestRow(options.id), true);
}

/** Requests, newest first, optionally of one state; without their items (a 1,000-item request is large). */
export async function listChangeRequests(options: {
  state?: ChangeRequestState;
  limit: number;
}): Promise<ChangeRequest[]> {
  // Never the items column: a bulk request's items are megabytes, and a list of 500 of them would be gigabytes.
  const rows = await db.changeRequest.findMany({
    where: options.state ? { state: options.state } : {},
    orderBy: { id: "desc" },
    take: options.limit,
    omit: { items: true },
  });
  return rows.map((row) => toChangeRequest(row, false));
}

/** Refuses to change a request that is decided already: it stays as it was decided (1008, 409: a rule). */
export function alreadyDecided(row: { id: number; state: string }): AppError {
  return new AppError(
    1008,
    `Change request ${row.id} is ${row.state} already; a decided request cannot be changed (send a new one)`,
  );
}

/** Whether a user holds the approver right (Super users decide without it). */
export async function hasApproverRight(options: { userId: number }): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { approver: true } });
  return user?.approver === true;
}

import "server-only";
import type { AuditSource } from "@/lib/audit/record-audit";
import type { Caller } from "@/lib/auth/caller-type";
import { isProtected, readChangeControl } from "@/lib/change-control/policy";
import { takeSignature } from "@/lib/change-control/take-signature";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SignatureRecord } from "@/lib/processes/actor";
import { changeReasonSchema, type ChangeControlPolicy, type SignatureInput } from "@/lib/validations/change-control";
import { issue } from "@/lib/validations/issues";

// What the change-control policy asks of one API write (docs/decisions/032-change-control.md), checked before
// anything is written: every reason the policy requires, then the signature. A refusal changes nothing.

export const CHANGE_REASON_HEADER = "Change-Reason";

/** The Change-Reason header, percent-decoded as UTF-8 and checked as a reason; null when absent. */
export function parseReasonHeader(headers: Headers): string | null {
  const raw = headers.get(CHANGE_REASON_HEADER);
  if (raw === null) return null;
  const malformed = (detail: string) =>
    new AppError(1001, `Header ${CHANGE_REASON_HEADER} ${detail}`, {
      errors: [{ pointer: "", detail: `header ${CHANGE_REASON_HEADER} ${detail}` }],
    });
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw malformed("must be percent-encoded UTF-8");
  }
  const parsed = changeReasonSchema.safeParse(decoded);
  if (!parsed.success) throw malformed(parsed.error.issues[0]?.message ?? "is not a valid reason");
  return parsed.data;
}

export type ChangeControlWrite = {
  caller: Caller;
  /** The written processes, in body order, each with its own reason if it has one. */
  items: { id: number; reason?: string }[];
  /** The request's reason (the body's top-level `reason`, else the header). */
  requestReason: string | null;
  signature?: SignatureInput;
  /** Where an item's reason belongs in the body (`/reason`, `/processes/3/reason`). */
  reasonPointer: (index: number) => string;
  /** Where the signature belongs (`/signature`). */
  signaturePointer: string;
  audit: AuditSource;
};

export type ChangeControlVerdict = {
  reasons: (string | null)[];
  signature: SignatureRecord | null;
  /** The policy it was checked against: four-eyes approval reads it again from here. */
  policy: ChangeControlPolicy;
};

async function isMachineWriter(tokenId: number): Promise<boolean> {
  const row = await db.apiToken.findUnique({ where: { id: tokenId }, select: { machineWriter: true } });
  return row?.machineWriter === true;
}

/**
 * Each item's reason and the write's signature under the policy in force; throws 1001 (reasons missing where
 * required, with one pointer each; a signature missing or wrong) or 3001 (a token that is no machine writer
 * writing a protected process under signatures). With everything off it reads the policy and returns.
 */
export async function enforceChangeControl(write: ChangeControlWrite): Promise<ChangeControlVerdict> {
  const policy = await readChangeControl();
  const reasons = write.items.map((item) => item.reason ?? write.requestReason);
  if (policy.reasonMode === "required") {
    const errors = reasons.flatMap((reason, index) =>
      reason === null ? [{ pointer: write.reasonPointer(index), detail: issue("reasonRequired") }] : [],
    );
    if (errors.length > 0)
      throw new AppError(
        1001,
        `A reason for the change is required (body member reason or header ${CHANGE_REASON_HEADER}); nothing was saved`,
        { errors },
      );
  }
  if (!policy.signatures) return { reasons, signature: null, policy };
  const { caller } = write;
  if (caller.kind === "token") {
    const machine = await isMachineWriter(caller.tokenId);
    const guarded = write.items.filter((item) => isProtected(policy, item.id)).map((item) => item.id);
    if (guarded.length > 0 && !machine)
      throw new AppError(
        3001,
        `Process${guarded.length > 1 ? "es" : ""} ${guarded.slice(0, 10).join(", ")}${guarded.length > 10 ? ", …" : ""} ` +
          "need an electronic signature: an API token is not a person and cannot sign. Only a token created as a " +
          "machine writer may write protected processes; nothing was saved",
      );
    // A machine writer's identity is recorded as the signer of everything it writes under the policy.
    const signature: SignatureRecord | null = machine
      ? {
          signerKind: "token",
          signerId: caller.tokenId,
          signerName: caller.tokenName,
          signedAt: new Date(),
          timeZone: "UTC",
          meaning: "authored",
        }
      : null;
    return { reasons, signature, policy };
  }
  if (!write.signature) {
    const pointer = write.signaturePointer;
    const detail = issue("signatureRequired");
    throw new AppError(1001, `${pointer}: ${detail}; nothing was saved`, { errors: [{ pointer, detail }] });
  }
  const signature = await takeSignature({
    caller,
    input: write.signature,
    pointer: write.signaturePointer,
    audit: write.audit,
  });
  return { reasons, signature, policy };
}

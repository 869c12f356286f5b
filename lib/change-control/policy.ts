import "server-only";
import { recordAudit, type AuditSource } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { rawBoolean, rawDate } from "@/lib/db/raw-values";
import { env } from "@/lib/env";
import type { ChangeControlAnswer, ChangeControlPolicy } from "@/lib/validations/change-control";

// The change-control policy (docs/decisions/032-change-control.md): one row, id 1. Until a Super user first saves
// it, the CHANGE_* environment variables give it; from then on the row does. Read on every write (one primary-key
// read), so a change reaches every instance at once.

type PolicyRow = {
  reasonMode: string;
  standardReasons: string;
  signatures: boolean;
  protection: string;
  protectedIds: string;
  approval: boolean;
  updatedAt: Date;
};

const POLICY_ID = 1;

/** The policy the environment gives: everything off unless CHANGE_* say otherwise. */
export function policyFromEnvironment(): ChangeControlPolicy {
  return {
    reasonMode: env.CHANGE_REASON,
    standardReasons: env.CHANGE_REASONS,
    signatures: env.CHANGE_SIGNATURES,
    protection: env.CHANGE_PROTECTED.protection,
    protectedIds: env.CHANGE_PROTECTED.ids,
    ...(env.CHANGE_APPROVAL ? { approval: true } : {}),
  };
}

function fromRow(row: PolicyRow): ChangeControlPolicy {
  return {
    reasonMode: row.reasonMode as ChangeControlPolicy["reasonMode"],
    standardReasons: JSON.parse(row.standardReasons) as string[],
    signatures: row.signatures,
    protection: row.protection as ChangeControlPolicy["protection"],
    protectedIds: JSON.parse(row.protectedIds) as number[],
    ...(row.approval ? { approval: true } : {}),
  };
}

const READ_POLICY_SQL = `SELECT "reasonMode", "standardReasons", signatures, protection, "protectedIds", approval, "updatedAt"
  FROM change_control_policy WHERE id = ${POLICY_ID}`;

type RawPolicyRow = Omit<PolicyRow, "signatures" | "approval" | "updatedAt"> &
  Record<"signatures" | "approval" | "updatedAt", unknown>;

/** The policy in force, and when a Super user last saved it (null: it still comes from the environment). */
export async function readChangeControl(): Promise<ChangeControlAnswer["policy"]> {
  const [raw] = await db.$queryRawUnsafe<RawPolicyRow[]>(READ_POLICY_SQL);
  if (!raw) return { ...policyFromEnvironment(), updatedAt: null };
  const row: PolicyRow = {
    ...raw,
    signatures: rawBoolean(raw.signatures),
    approval: rawBoolean(raw.approval),
    updatedAt: rawDate(raw.updatedAt),
  };
  return { ...fromRow(row), updatedAt: row.updatedAt.toISOString() };
}

/** Whether a process is protected under the policy (four-eyes rules; a token needs to be a machine writer). */
export function isProtected(policy: ChangeControlPolicy, processId: number): boolean {
  return policy.protection === "all" || (policy.protection === "listed" && policy.protectedIds.includes(processId));
}

/** What the audit event says of a policy: flat values (audit details hold no nested objects). */
function auditValues(prefix: string, policy: ChangeControlPolicy): Record<string, string | boolean> {
  return {
    [`${prefix}ReasonMode`]: policy.reasonMode,
    [`${prefix}StandardReasons`]: policy.standardReasons.join("; "),
    [`${prefix}Signatures`]: policy.signatures,
    [`${prefix}Protection`]: policy.protection,
    [`${prefix}ProtectedIds`]: policy.protectedIds.join(","),
  };
}

/**
 * Saves the policy a Super user set, with its `change-control.changed` audit event (before and after) in the same
 * transaction. Saving the same values again records nothing.
 */
export async function saveChangeControl(options: {
  policy: ChangeControlPolicy;
  audit: AuditSource;
}): Promise<ChangeControlAnswer["policy"]> {
  // `approval: false` is left out, as the stored policy leaves it out: otherwise saving the same values again
  // would never compare equal, and would write and audit a change that is none.
  const { approval, ...rest } = options.policy;
  const policy: ChangeControlPolicy = {
    ...rest,
    standardReasons: [...new Set(rest.standardReasons)],
    protectedIds: [...new Set(rest.protectedIds)].sort((a, b) => a - b),
    ...(approval ? { approval: true } : {}),
  };
  return db.$transaction(async (tx) => {
    const before = await tx.changeControlPolicy.findUnique({ where: { id: POLICY_ID } });
    const previous = before ? fromRow(before) : policyFromEnvironment();
    if (before && JSON.stringify(previous) === JSON.stringify(policy))
      return { ...previous, updatedAt: before.updatedAt.toISOString() };
    const data = {
      reasonMode: policy.reasonMode,
      standardReasons: JSON.stringify(policy.standardReasons),
      signatures: policy.signatures,
      protection: policy.protection,
      protectedIds: JSON.stringify(policy.protectedIds),
      approval: policy.approval === true,
    };
    const row = await tx.changeControlPolicy.upsert({
      where: { id: POLICY_ID },
      create: { id: POLICY_ID, ...data },
      update: data,
    });
    // Approval's values only when it is on either side: with it off, the event reads as it did before four-eyes.
    const approvals: Record<string, boolean> =
      previous.approval || policy.approval
        ? { fromApproval: previous.approval === true, toApproval: policy.approval === true }
        : {};
    const detail = { ...auditValues("from", previous), ...auditValues("to", policy), ...approvals };
    await recordAudit({ action: "change-control.changed", ...options.audit, detail }, tx);
    return { ...fromRow(row), updatedAt: row.updatedAt.toISOString() };
  });
}

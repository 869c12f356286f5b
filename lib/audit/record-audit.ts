import "server-only";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/processes/actor";
import { requestSeal } from "@/lib/trail/seal-trail";
import { AUDIT_ORDER_LOCK_SQL } from "@/lib/trail/trail-sql";

/** Who an audit event names besides its actor: a user, a session or a token (id null: an email nobody has). */
export type AuditTarget = {
  type: "user" | "session" | "token" | "webhook";
  id: string | number | null;
  name?: string | null;
};

/** The actor of a refused sign-in: nobody is signed in yet. */
export const ANONYMOUS_ACTOR = { type: "anonymous", id: null, name: null } as const;

export type AuditEntry = {
  action: AuditAction;
  actor: Actor | typeof ANONYMOUS_ACTOR;
  target?: AuditTarget | null;
  ip?: string | null;
  requestId?: string | null;
  /** What else the event needs (a refusal's reason, old and new role): never a password or a secret. */
  detail?: Record<string, string | number | boolean | null>;
};

// A transaction's client or the client itself: an event is written in the same transaction as its change.
export type AuditWriter = Pick<typeof db, "auditEvent" | "$executeRawUnsafe">;

/** Where a change came from, for the events it records: who, from which address, in which request. */
export type AuditSource = { actor: AuditEntry["actor"]; ip?: string | null; requestId?: string | null };

/** Records one security event; pass the transaction's client so that it commits (or not) with the change. */
export async function recordAudit(entry: AuditEntry, client?: AuditWriter): Promise<void> {
  const data = {
    action: entry.action,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id == null ? null : String(entry.target.id),
    targetName: entry.target?.name ?? null,
    ip: entry.ip ?? null,
    requestId: entry.requestId ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  // PostgreSQL: ids in commit order for the trail's sealer (lib/trail/trail-sql.ts), hence a transaction.
  const lock = AUDIT_ORDER_LOCK_SQL;
  if (lock === null) await (client ?? db).auditEvent.create({ data });
  else if (client) {
    await client.$executeRawUnsafe(lock);
    await client.auditEvent.create({ data });
  } else await db.$transaction([db.$executeRawUnsafe(lock), db.auditEvent.create({ data })]);
  // Sealed into the trail once the caller's transaction has committed (or by the schedule, if later).
  requestSeal();
}

/** Takes the audit events' order lock in a transaction that reads before it records (lib/trail/trail-break.ts). */
export async function lockAuditOrder(client: AuditWriter): Promise<void> {
  if (AUDIT_ORDER_LOCK_SQL !== null) await client.$executeRawUnsafe(AUDIT_ORDER_LOCK_SQL);
}

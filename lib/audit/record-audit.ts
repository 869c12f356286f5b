import "server-only";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/processes/actor";

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
export type AuditWriter = Pick<typeof db, "auditEvent">;

/** Where a change came from, for the events it records: who, from which address, in which request. */
export type AuditSource = { actor: AuditEntry["actor"]; ip?: string | null; requestId?: string | null };

/** Records one security event; pass the transaction's client so that it commits (or not) with the change. */
export async function recordAudit(entry: AuditEntry, client: AuditWriter = db): Promise<void> {
  await client.auditEvent.create({
    data: {
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
    },
  });
}

import "server-only";
import { recordAudit, ANONYMOUS_ACTOR } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/processes/actor";

// Users who sign in through the OIDC provider: found by the provider's subject (`sub`), made at their first
// sign-in, their role taken from the provider's claim at every sign-in (the users page does not change it).

export type OidcIdentity = { sub: string; email: string | null; name: string | null; role: Role | null };

/** Why a sign-in through the provider is refused; each is written to the audit log as directory.refused. */
export type OidcRefusal = "no-mapped-role" | "no-email" | "email-taken" | "disabled";

type Request = { ip: string | null; requestId: string | null };

const SYSTEM: Actor = { type: "system", id: null, name: "oidc sign-in" };

async function refuse(
  identity: OidcIdentity,
  reason: OidcRefusal,
  request: Request,
): Promise<{ refused: OidcRefusal }> {
  await recordAudit({
    action: "directory.refused",
    actor: ANONYMOUS_ACTOR,
    target: identity.email ? { type: "user", id: identity.email, name: identity.email } : null,
    ip: request.ip,
    requestId: request.requestId,
    detail: { source: "oidc", reason, sub: identity.sub },
  });
  return { refused: reason };
}

/**
 * The local user for a provider identity, made or brought up to date (email, name, role, last sign-in), or
 * why the sign-in is refused: no mapped role, no email, an email another account holds, or disabled here.
 */
export async function admitOidcUser(
  identity: OidcIdentity,
  request: Request,
): Promise<{ user: { id: number; email: string; role: Role } } | { refused: OidcRefusal }> {
  if (!identity.role) return refuse(identity, "no-mapped-role", request);
  const email = identity.email?.trim().toLowerCase();
  if (!email) return refuse(identity, "no-email", request);
  const role = identity.role;
  const existing = await db.user.findUnique({
    where: { source_externalId: { source: "oidc", externalId: identity.sub } },
    select: { id: true, role: true, disabled: true },
  });
  if (existing?.disabled) return refuse(identity, "disabled", request);
  // A local or LDAP account with this email stays that person's: never taken over by a provider's claim.
  const holder = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (holder && holder.id !== existing?.id) return refuse(identity, "email-taken", request);
  const name = identity.name?.trim().slice(0, 100) ?? "";
  const user = await db.$transaction(async (tx) => {
    const data = { email, role, name, lastSignInAt: new Date() };
    const saved = existing
      ? await tx.user.update({ where: { id: existing.id }, data, select: { id: true, email: true } })
      : await tx.user.create({
          data: { ...data, source: "oidc", externalId: identity.sub, passwordHash: "" },
          select: { id: true, email: true },
        });
    const target = { type: "user" as const, id: saved.id, name: email };
    if (!existing)
      await recordAudit(
        { action: "user.created", actor: SYSTEM, target, ...request, detail: { source: "oidc", role } },
        tx,
      );
    else if (existing.role !== role)
      await recordAudit(
        { action: "role.changed", actor: SYSTEM, target, ...request, detail: { from: existing.role, to: role } },
        tx,
      );
    return saved;
  });
  return { user: { ...user, role } };
}

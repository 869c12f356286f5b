import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { DirectoryPerson } from "@/lib/auth/ldap/directory";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/processes/actor";

// Directory users (User.source "ldap") are made at their first sign-in and follow the directory after:
// email, name and role are written from it at every sign-in and re-check. They have no password here
// (passwordHash "": no bcrypt hash matches it, so the local form never signs them in).

export const LDAP_SOURCE = "ldap";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export type DirectorySignIn =
  | { kind: "signed-in"; user: { id: number; email: string; role: Role } }
  | { kind: "refused"; reason: "email-taken" | "disabled-here" };

async function noteRoleChange(tx: Tx, user: { id: number; email: string }, from: string, to: Role) {
  if (from === to) return;
  await recordAudit(
    {
      action: "role.changed",
      actor: SYSTEM_ACTOR,
      target: { type: "user", id: user.id, name: user.email },
      detail: { from, to, source: LDAP_SOURCE },
    },
    tx,
  );
}

/**
 * Makes or updates the user a directory sign-in names, and records the sign-in. Refused when the directory's
 * email belongs to another user here (a local account is not taken over), or when a Super user disabled this
 * directory user here. (`ip` is for the callers' logs; the sign-in's event is the session's.)
 */
export async function signInDirectoryUser(options: {
  person: DirectoryPerson;
  ip: string | null;
}): Promise<DirectorySignIn> {
  const { person } = options;
  return db.$transaction(async (tx) => {
    const known = await tx.user.findUnique({
      where: { source_externalId: { source: LDAP_SOURCE, externalId: person.externalId } },
      select: { id: true, email: true, role: true, disabled: true },
    });
    if (known?.disabled) return { kind: "refused", reason: "disabled-here" } as const;
    const holder = await tx.user.findUnique({ where: { email: person.email }, select: { id: true } });
    if (holder && holder.id !== known?.id) return { kind: "refused", reason: "email-taken" } as const;
    const data = { email: person.email, name: person.name, role: person.role, lastSignInAt: new Date() };
    const user = known
      ? await tx.user.update({ where: { id: known.id }, data, select: { id: true, email: true } })
      : await tx.user.create({
          data: { ...data, source: LDAP_SOURCE, externalId: person.externalId, passwordHash: "" },
          select: { id: true, email: true },
        });
    const target = { type: "user" as const, id: user.id, name: user.email };
    if (!known)
      await recordAudit(
        { action: "user.created", actor: SYSTEM_ACTOR, target, detail: { source: LDAP_SOURCE, role: person.role } },
        tx,
      );
    else await noteRoleChange(tx, user, known.role, person.role);
    // sign-in.succeeded is written with the session row (lib/auth/sessions.ts startSession, for every provider),
    // naming the source from the user object the provider returns.
    return { kind: "signed-in", user: { ...user, role: person.role } } as const;
  });
}

/** Directory users with a live session not checked since `before` (null: since the session began). */
export async function directoryUsersDue(options: { before: Date }): Promise<{ id: number; externalId: string }[]> {
  const rows = await db.user.findMany({
    where: {
      source: LDAP_SOURCE,
      externalId: { not: null },
      sessions: {
        some: {
          expiresAt: { gt: new Date() },
          OR: [{ checkedAt: { lt: options.before } }, { checkedAt: null, createdAt: { lt: options.before } }],
        },
      },
    },
    select: { id: true, externalId: true },
    take: 500,
  });
  return rows.map((r) => ({ id: r.id, externalId: r.externalId! }));
}

/**
 * Claims a user's re-check for this instance: marks their due sessions checked now. Several instances may
 * sweep at once; only the one whose update found due sessions goes on to ask the directory.
 */
export async function claimDirectoryRecheck(options: { userId: number; before: Date }): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: {
      userId: options.userId,
      OR: [{ checkedAt: { lt: options.before } }, { checkedAt: null, createdAt: { lt: options.before } }],
    },
    data: { checkedAt: new Date() },
  });
  return count > 0;
}

/** The directory gave the user another role (or the same): written, and recorded when it changed. */
export async function applyDirectoryRole(options: { userId: number; role: Role }): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: options.userId },
      select: { id: true, email: true, role: true },
    });
    if (!user || user.role === options.role) return;
    await tx.user.update({ where: { id: user.id }, data: { role: options.role } });
    await noteRoleChange(tx, user, user.role, options.role);
  });
}

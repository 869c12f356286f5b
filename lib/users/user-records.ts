import "server-only";
import type { AuditSource } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { databaseProvider } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { UserSource, UserStatus, UserSummary } from "@/lib/validations/users";

// What the users' data layer shares: the transaction type, who is acting, and a user as the API lists them.

export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Who makes a change to a user, and from where: recorded in the audit log with it (auditSourceOf for a request). */
export type UserChangeContext = AuditSource;

export const USER_ROW = {
  id: true,
  email: true,
  name: true,
  role: true,
  source: true,
  disabled: true,
  mustChangePassword: true,
  createdAt: true,
  lastSignInAt: true,
  approver: true,
} as const;

export type UserRow = {
  id: number;
  email: string;
  name: string;
  role: string;
  source: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  /** May approve others' change requests (docs/decisions/043); absent on rows read without it. */
  approver?: boolean;
};

export const statusOf = (row: Pick<UserRow, "disabled" | "mustChangePassword">): UserStatus =>
  row.disabled ? "disabled" : row.mustChangePassword ? "must-change-password" : "active";

export function toUserSummary(row: UserRow, openSessions: number): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    source: row.source as UserSource,
    status: statusOf(row),
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    openSessions,
    // Named only when given, so that answers stay as they were where nobody has it.
    ...(row.approver ? { approver: true } : {}),
  };
}

export const auditTarget = (row: Pick<UserRow, "id" | "email">) => ({
  type: "user" as const,
  id: row.id,
  name: row.email,
});

export const openSessionsWhere = (userId: number) => ({ userId, expiresAt: { gt: new Date() } });

/** The user as listed, read inside the transaction (after its change). */
export async function readUserSummary(tx: Tx, id: number): Promise<UserSummary> {
  const row = await tx.user.findUnique({ where: { id }, select: USER_ROW });
  if (!row) throw unknownUser(id);
  return toUserSummary(row, await tx.session.count({ where: openSessionsWhere(id) }));
}

export const unknownUser = (id: number) => new AppError(1005, `User ${id} does not exist`);

/**
 * Runs a change to users in one transaction. On PostgreSQL it first takes a transaction-scoped advisory lock,
 * so that two changes cannot both see "another active Super user remains" and both remove one. SQLite runs
 * one writing transaction at a time anyway.
 */
export async function inUsersTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    if (databaseProvider === "postgresql") await tx.$queryRawUnsafe("SELECT pg_advisory_xact_lock(20020)::text");
    return work(tx);
  });
}

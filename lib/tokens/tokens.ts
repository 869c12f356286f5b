import "server-only";
import { recordAudit, type AuditSource } from "@/lib/audit/record-audit";
import type { Caller } from "@/lib/auth/caller-type";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { endEventStreams } from "@/lib/processes/open-streams";
import { forgetResolvedTokens } from "@/lib/tokens/resolve-token";
import { generateTokenSecret, hashTokenSecret } from "@/lib/tokens/token-secret";
import { tokenCreateSchema, type TokenCreate, type TokenSummary } from "@/lib/validations/token";

const SUMMARY_SELECT = {
  id: true,
  name: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  machineWriter: true,
} as const;

type TokenRow = {
  id: number;
  name: string;
  role: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  machineWriter: boolean;
};

function toSummary(row: TokenRow): TokenSummary {
  return {
    ...row,
    role: row.role as Role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * The person who stands behind a token the caller makes: the signed-in person, or the person behind the token
 * that makes it (so four-eyes approval knows who a token made by a token belongs to); none for the CLI.
 */
export async function tokenCreatorId(caller: Caller | null | undefined): Promise<number | undefined> {
  if (!caller) return undefined;
  if (caller.kind === "session") return caller.userId;
  const maker = await db.apiToken.findUnique({ where: { id: caller.tokenId }, select: { createdById: true } });
  return maker?.createdById ?? undefined;
}

/** Creates a token; the secret is returned this once and only its hash is kept. `token.created` goes with it. */
export async function createToken(
  options: TokenCreate & { createdById?: number; audit: AuditSource },
): Promise<{ token: TokenSummary; secret: string }> {
  const input = tokenCreateSchema.parse({
    name: options.name,
    role: options.role,
    expiresInSeconds: options.expiresInSeconds,
    machineWriter: options.machineWriter,
  });
  const secret = generateTokenSecret();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        role: input.role,
        tokenHash: hashTokenSecret(secret),
        expiresAt: new Date(Date.now() + input.expiresInSeconds * 1000),
        createdById: options.createdById ?? null,
        machineWriter: input.machineWriter,
      },
      select: SUMMARY_SELECT,
    });
    const target = { type: "token" as const, id: created.id, name: created.name };
    await recordAudit(
      {
        action: "token.created",
        ...options.audit,
        target,
        detail: { role: created.role, ...(created.machineWriter ? { machineWriter: true } : {}) },
      },
      tx,
    );
    return created;
  });
  return { token: toSummary(row), secret };
}

export async function listTokens(): Promise<TokenSummary[]> {
  const rows = await db.apiToken.findMany({ select: SUMMARY_SELECT, orderBy: { id: "asc" } });
  return rows.map(toSummary);
}

/**
 * Revokes a token (again is fine: the first revocation time stays, and no second `token.revoked` is recorded);
 * 1005 when it does not exist.
 */
export async function revokeToken(options: { id: number; audit: AuditSource }): Promise<TokenSummary> {
  await db.$transaction(async (tx) => {
    const where = { id: options.id, revokedAt: null };
    const { count } = await tx.apiToken.updateMany({ where, data: { revokedAt: new Date() } });
    if (count === 0) return;
    const row = await tx.apiToken.findUniqueOrThrow({ where: { id: options.id }, select: { name: true } });
    const target = { type: "token" as const, id: options.id, name: row.name };
    await recordAudit({ action: "token.revoked", ...options.audit, target }, tx);
  });
  forgetResolvedTokens();
  endEventStreams({ tokenId: options.id }, "token revoked");
  const row = await db.apiToken.findUnique({ where: { id: options.id }, select: SUMMARY_SELECT });
  if (!row) throw new AppError(1005, `Token ${options.id} does not exist`);
  return toSummary(row);
}

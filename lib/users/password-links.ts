import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { parseWith } from "@/lib/api/parse-with";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { appOrigin } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Tx } from "@/lib/users/user-records";
import { newPasswordSchemaFor } from "@/lib/validations/password";
import type { PasswordLink, PasswordLinkInfo } from "@/lib/validations/users";

// One-time set-password links (new user, reset, first sign-in with an initial password). Only the SHA-256 of
// the secret is stored; a newer link of the user, or using it, ends it. The secret goes after `#` in the URL:
// browsers never send a fragment, so it reaches no access log, proxy log or Referer (docs/decisions/024).

export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** The link a first sign-in with an initial password leads to: it is used at once or not at all. */
export const FIRST_SIGN_IN_LINK_MS = 30 * 60 * 1000;

export const LINK_NOT_VALID = "The link is not valid: it is unknown, has been used or replaced, or has expired";

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

export const passwordLinkUrl = (secret: string) => `${appOrigin}/set-password#${secret}`;

/** Issues a new link for the user inside `tx`, ending their older ones; the secret is returned this once. */
export async function issuePasswordLink(
  tx: Tx,
  options: { userId: number; lifetimeMs?: number },
): Promise<{ secret: string; link: PasswordLink }> {
  const now = new Date();
  await tx.passwordLink.updateMany({ where: { userId: options.userId, usedAt: null }, data: { usedAt: now } });
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + (options.lifetimeMs ?? LINK_LIFETIME_MS));
  await tx.passwordLink.create({ data: { userId: options.userId, tokenHash: hashOf(secret), expiresAt } });
  return { secret, link: { url: passwordLinkUrl(secret), expiresAt: expiresAt.toISOString() } };
}

async function validLink(client: Pick<Tx, "passwordLink">, secret: string) {
  const row = await client.passwordLink.findUnique({
    where: { tokenHash: hashOf(secret) },
    select: {
      id: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { id: true, email: true, name: true, disabled: true, source: true } },
    },
  });
  const valid = row && !row.usedAt && row.expiresAt.getTime() > Date.now() && !row.user.disabled;
  if (!valid || row.user.source !== "local") throw new AppError(1005, LINK_NOT_VALID);
  return row;
}

/** Whom a valid link is for (the page shows the email); 1005 with one message for any link that is not valid. */
export async function checkPasswordLink(options: { token: string }): Promise<PasswordLinkInfo> {
  const row = await validLink(db, options.token);
  return { email: row.user.email, name: row.user.name, expiresAt: row.expiresAt.toISOString() };
}

/**
 * Sets the password through a valid link: the link is used, the user's other links end, the must-change flag
 * clears, and `password.changed` is recorded, all in one transaction. Their open sessions stay.
 */
export async function usePasswordLink(options: {
  token: string;
  password: string;
  ip?: string | null;
  requestId?: string | null;
}): Promise<{ email: string }> {
  // Whose link it is decides which words the password must not contain (checked again inside).
  const { user } = await validLink(db, options.token);
  parseWith(z.object({ password: newPasswordSchemaFor(user) }), { password: options.password });
  // Hashed before the transaction (0.1–0.2 s), so that it holds no lock meanwhile; the link is checked inside.
  const passwordHash = await hashPassword(options.password);
  return db.$transaction(async (tx) => {
    const row = await validLink(tx, options.token);
    const now = new Date();
    // Used only if still unused: of two uses of one link at once, one wins.
    const { count } = await tx.passwordLink.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (count !== 1) throw new AppError(1005, LINK_NOT_VALID);
    await tx.passwordLink.updateMany({ where: { userId: row.user.id, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: row.user.id }, data: { passwordHash, mustChangePassword: false } });
    const self = { type: "user" as const, id: row.user.id, name: row.user.email };
    await recordAudit(
      {
        action: "password.changed",
        actor: self,
        target: { type: "user", id: row.user.id, name: row.user.email },
        ip: options.ip ?? null,
        requestId: options.requestId ?? null,
        detail: { via: "link" },
      },
      tx,
    );
    return { email: row.user.email };
  });
}

/**
 * A correct initial password (must-change-password): no session is made; instead a short link (30 min) leads
 * the browser to the set-password page, where the user chooses their own before anything else.
 */
export async function issueFirstSignInLink(options: { userId: number }): Promise<string> {
  return db.$transaction(
    async (tx) => (await issuePasswordLink(tx, { userId: options.userId, lifetimeMs: FIRST_SIGN_IN_LINK_MS })).secret,
  );
}

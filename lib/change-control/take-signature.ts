import "server-only";
import { recordAudit, type AuditSource } from "@/lib/audit/record-audit";
import type { Caller } from "@/lib/auth/caller-type";
import { HashPoolFull } from "@/lib/auth/hash-pool";
import { authenticateWithDirectory } from "@/lib/auth/ldap/directory";
import { verifyPassword } from "@/lib/auth/password";
import { noteSignInFailure, noteSignInSuccess, signInWait } from "@/lib/auth/sign-in-limits";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SignatureRecord } from "@/lib/processes/actor";
import { isTimeZone, type SignatureInput } from "@/lib/validations/change-control";
import { issue } from "@/lib/validations/issues";

// A person's electronic signature on a write (21 CFR 11.200(a)): the password is entered again for each signing
// and checked here, local accounts against their hash, directory accounts by a bind at the directory. A wrong
// one is refused and counted as a failed sign-in of the address and email (lib/auth/sign-in-limits.ts), so
// signing is no way around the sign-in limits. Single sign-on accounts have no password here: refused (032).

const refused = (pointer: string, detail: string) =>
  new AppError(1001, `${pointer}: ${detail}`, { errors: [{ pointer, detail }] });

async function passwordMatches(
  user: { email: string; source: string; passwordHash: string; externalId: string | null },
  password: string,
): Promise<boolean> {
  if (user.source === "local") {
    try {
      return await verifyPassword(password, user.passwordHash || undefined);
    } catch (error) {
      if (error instanceof HashPoolFull)
        throw new AppError(6001, "Password checks are busy; retry after 1 s", { headers: { "Retry-After": "1" } });
      throw error;
    }
  }
  if (user.source === "ldap") {
    const verdict = await authenticateWithDirectory({ login: user.email, password });
    if (verdict.kind === "unreachable")
      throw new AppError(3001, "The company directory is not reachable to check your signature; nothing was saved");
    return verdict.kind === "accepted" && verdict.person.externalId === user.externalId;
  }
  throw new AppError(
    3001,
    "Accounts of single sign-on have no password here and cannot sign electronically; ask a Super user (docs/decisions/032)",
  );
}

/**
 * Checks a signed-in person's signature (`pointer`: where the body carries it, such as `/signature`) and returns
 * its manifestation: their full name (else email), now, the time zone they sign in, and the meaning. Tokens never
 * come here (they are no people; machine writers are recorded by enforce-change-control).
 */
export async function takeSignature(options: {
  caller: Extract<Caller, { kind: "session" }>;
  input: SignatureInput;
  pointer: string;
  audit: AuditSource;
}): Promise<SignatureRecord> {
  const { caller, input, pointer } = options;
  const timeZone = input.timeZone ?? "UTC";
  if (!isTimeZone(timeZone)) throw refused(`${pointer}/timeZone`, issue("notTimeZone"));
  const user = await db.user.findUnique({
    where: { id: caller.userId },
    select: { email: true, name: true, source: true, passwordHash: true, externalId: true },
  });
  if (!user) throw new AppError(2002, "The session has expired or ended; sign in again");
  const attempt = { ip: options.audit.ip ?? "unknown", email: user.email, device: null };
  const wait = await signInWait(attempt);
  if (wait > 0)
    throw new AppError(6001, `Too many wrong passwords; retry after ${wait} s`, {
      headers: { "Retry-After": String(wait) },
    });
  if (!(await passwordMatches(user, input.password))) {
    await noteSignInFailure(attempt);
    const target = { type: "user" as const, id: caller.userId, name: user.email };
    await recordAudit({ action: "signature.refused", ...options.audit, target, detail: { reason: "wrong-password" } });
    throw refused(`${pointer}/password`, issue("wrongSignaturePassword"));
  }
  await noteSignInSuccess(attempt);
  return {
    signerKind: "user",
    signerId: caller.userId,
    signerName: user.name.trim() || user.email,
    signedAt: new Date(),
    timeZone,
    meaning: input.meaning,
  };
}

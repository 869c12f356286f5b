import "server-only";
import { ANONYMOUS_ACTOR, recordAudit } from "@/lib/audit/record-audit";
import { authRequestDetails } from "@/lib/auth/sign-in-request";
import { db } from "@/lib/db/client";
import { countSignInFailure } from "@/lib/metrics/ops-metrics";

// The audit of refused sign-ins. A refusal changes nothing, so its event is written on its own; a sign-in that
// succeeds is recorded with its session row (lib/auth/sessions.ts startSession).

/** Why a sign-in was refused, as the audit log says it (never the password). */
export type SignInRefusal = "wrong-credentials" | "limited" | "busy" | "disabled" | "local-not-allowed";

// Refusals for being limited cost the refused nothing; recording each would let a flood write a row per try.
// One per address and email a minute per instance tells the auditor the same (the log keeps every one).
const LIMITED_EVERY_MS = 60_000;
const lastLimited = new Map<string, number>();

function limitedRecently(key: string, now: number): boolean {
  const last = lastLimited.get(key);
  if (last !== undefined && now - last < LIMITED_EVERY_MS) return true;
  if (lastLimited.size >= 10_000) lastLimited.clear();
  lastLimited.set(key, now);
  return false;
}

/** Records `sign-in.failed`: nobody is signed in, the target is the email typed (and the user, when known). */
export async function recordSignInRefused(options: {
  email: string;
  reason: SignInRefusal;
  userId?: number;
}): Promise<void> {
  const { ip, requestId } = authRequestDetails();
  countSignInFailure(options.reason);
  if (options.reason === "limited" && limitedRecently(`${ip}|${options.email}`, Date.now())) return;
  await recordAudit({
    action: "sign-in.failed",
    actor: ANONYMOUS_ACTOR,
    target: { type: "user", id: options.userId ?? null, name: options.email },
    ip,
    requestId,
    detail: { reason: options.reason },
  });
}

/** Whether the email typed at a refused sign-in is a disabled user's (the audit's reason, never the page's). */
export async function isEmailDisabled(options: { email: string }): Promise<boolean> {
  const user = await db.user.findUnique({ where: { email: options.email }, select: { disabled: true } });
  return user?.disabled ?? false;
}

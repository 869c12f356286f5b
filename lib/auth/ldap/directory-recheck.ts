import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { directoryConfigured, recheckWithDirectory } from "@/lib/auth/ldap/directory";
import { endUserSessions } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { errorFields, logger } from "@/lib/logger";
import { SYSTEM_ACTOR } from "@/lib/processes/actor";
import { applyDirectoryRole, claimDirectoryRecheck, directoryUsersDue } from "@/lib/users/directory-users";

// Every LDAP_RECHECK_SECONDS, each directory user with a live session is asked about again (docs/decisions/026):
// disabled, gone, or in no mapped group → all their sessions end (their open pages and event streams too);
// another role → written, and their sessions carry it from their next request. What is due is read from
// Session.checkedAt, so any number of instances share the work: each claims a user by marking their sessions
// checked before it asks. A directory that does not answer ends nothing (a domain controller's reboot must not
// sign the plant out); it is logged, and the sessions are asked about again one interval later.

let timer: NodeJS.Timeout | undefined;
let sweeping = false;

/** How often an instance looks for due re-checks: a fifth of the interval, from 1 s to 15 s. */
export const sweepMs = (recheckSeconds: number) => Math.min(15_000, Math.max(1_000, (recheckSeconds * 1000) / 5));

/** Asks about one user and acts on the answer; false when the directory did not answer. */
async function recheckUser(user: { id: number; externalId: string }): Promise<boolean> {
  const verdict = await recheckWithDirectory({ externalId: user.externalId });
  if (verdict.kind === "unreachable") {
    logger.warn("directory re-check: directory not reachable; sessions kept", {
      userId: user.id,
      problem: verdict.problem,
    });
    return false;
  }
  if (verdict.kind === "accepted") {
    await applyDirectoryRole({ userId: user.id, role: verdict.person.role });
    return true;
  }
  const ended = await endUserSessions({ userId: user.id });
  await recordAudit({
    action: "directory.refused",
    actor: SYSTEM_ACTOR,
    target: { type: "user", id: user.id },
    detail: { reason: verdict.reason, during: "re-check", sessionsEnded: ended },
  });
  logger.info("directory re-check: sessions ended", { userId: user.id, reason: verdict.reason, ended });
  return true;
}

/**
 * One sweep: every due user is claimed and checked, one after another (the directory is asked politely). The
 * first "not reachable" ends the sweep: the users not yet claimed stay due for the next one.
 */
export async function sweepDirectoryRechecks(): Promise<void> {
  if (sweeping) return;
  sweeping = true;
  try {
    const before = new Date(Date.now() - env.LDAP_RECHECK_SECONDS * 1000);
    for (const user of await directoryUsersDue({ before })) {
      if (!(await claimDirectoryRecheck({ userId: user.id, before }))) continue;
      if (!(await recheckUser(user))) break;
    }
  } catch (error) {
    logger.warn("directory re-check failed; tried again at the next sweep", errorFields(error));
  } finally {
    sweeping = false;
  }
}

/** Starts this instance's sweep when directory sign-in is configured (server start). */
export function startDirectoryRechecks(): void {
  if (!directoryConfigured() || timer) return;
  timer = setInterval(() => void sweepDirectoryRechecks(), sweepMs(env.LDAP_RECHECK_SECONDS));
  timer.unref();
}

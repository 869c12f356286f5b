import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { recordAudit } from "@/lib/audit/record-audit";
import { verifyLogoutToken } from "@/lib/auth/oidc/logout-token";
import type { LogoutRequest } from "@/lib/auth/oidc/logout-token-claims";
import { oidcSettings } from "@/lib/auth/oidc/settings";
import { forgetSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { Actor } from "@/lib/processes/actor";
import { limiter } from "@/lib/rate-limit/limiters";

// OpenID Connect Back-Channel Logout 1.0: the provider tells us a session of its own ended; the sessions it
// started here end too, on every instance within the session cache's 1.5 s (lib/auth/sessions.ts).

/** The actor of what the provider asked for, in the audit log. */
const PROVIDER_ACTOR: Actor = { type: "system", id: null, name: "oidc back-channel logout" };

const refuse = (detail: string) => new AppError(1001, `logout_token refused: ${detail}`);

/** True the first time this provider's jti is seen (on any instance sharing the rate-limit store). */
async function firstUse(issuer: string, jti: string): Promise<boolean> {
  try {
    await (await limiter("oidc-logout-jti")).consume(`${issuer}|${jti}`);
    return true;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return false;
    throw rejection;
  }
}

/** The sessions a logout request names: those of the provider's session id, else all of the subject's. */
function sessionsWhere(request: LogoutRequest) {
  const user = request.sub ? { source: "oidc", externalId: request.sub } : undefined;
  return request.sid ? { providerSid: request.sid, ...(user ? { user } : {}) } : { user };
}

/** Verifies the token and ends the sessions it names; throws 1001 (answered 400) when it is refused. */
export async function acceptLogoutToken(options: {
  token: string | null;
  ip: string;
  requestId: string;
}): Promise<{ ended: number }> {
  const settings = oidcSettings;
  if (!settings) throw refuse("single sign-on is not configured on this server");
  if (!options.token) throw refuse("the form field logout_token is missing");
  const result = await verifyLogoutToken(options.token, settings);
  if (!result.ok) {
    logger.warn("back-channel logout refused", { requestId: options.requestId, problem: result.problem });
    throw refuse(result.problem);
  }
  const { request } = result;
  if (!(await firstUse(settings.issuer, request.jti))) throw refuse("this jti was used before");
  const sessions = await db.session.findMany({
    where: sessionsWhere(request),
    select: { id: true, user: { select: { id: true, email: true } } },
  });
  const ids = sessions.map((s) => s.id);
  await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: { in: ids } } });
    const byUser = new Map(sessions.map((s) => [s.user.id, s.user.email]));
    for (const [id, email] of byUser)
      await recordAudit(
        {
          action: "sessions.ended",
          actor: PROVIDER_ACTOR,
          target: { type: "user", id, name: email },
          ip: options.ip,
          requestId: options.requestId,
          detail: {
            reason: "back-channel logout",
            sessions: sessions.filter((s) => s.user.id === id).length,
            sid: request.sid,
          },
        },
        tx,
      );
  });
  // The rows are gone; this forgets them in this instance's cache and ends their event streams at once.
  forgetSessions(ids);
  logger.info("back-channel logout", { requestId: options.requestId, sessions: ids.length, sid: request.sid });
  return { ended: ids.length };
}

/** The `logout_token` of the provider's form-encoded POST (section 2.5); null when absent. */
export async function logoutTokenOf(request: Request): Promise<string | null> {
  const type = request.headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw refuse("the body must be application/x-www-form-urlencoded");
  const values = new URLSearchParams(await request.text()).getAll("logout_token");
  if (values.length > 1) throw refuse("logout_token is given more than once");
  return values[0] ?? null;
}

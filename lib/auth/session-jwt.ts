import "server-only";
import type { CallbacksOptions, EventCallbacks, User } from "next-auth";
import { encode, type JWT, type JWTEncodeParams } from "next-auth/jwt";
import { providerSessionOf } from "@/lib/auth/oidc/session-fields";
import { noteProviderSignOut } from "@/lib/auth/oidc/sign-out";
import { endSession, liveSession, startSession } from "@/lib/auth/sessions";
import { authRequestDetails, issueLocaleCookie } from "@/lib/auth/sign-in-request";
import { isLocale } from "@/lib/i18n/locale";
import { isDatabaseError } from "@/lib/db/errors";
import { logger } from "@/lib/logger";

// How next-auth's JWT cookie is tied to a session row (lib/auth/sessions.ts): the row is made at sign-in,
// checked whenever next-auth reads the cookie, and deleted at sign-out.

/** Thrown by the jwt callback for a cookie whose session has ended: next-auth then clears the cookie. */
export const SESSION_ENDED = "SESSION_ENDED";

export const jwtCallback: CallbacksOptions["jwt"] = async ({ token, user, account, profile }) => {
  if (user) {
    // The sign-in's request (any provider's): its address, browser and id go with the session and its event.
    // A directory sign-in names its source (ldap, oidc) in the event; a local one names none.
    const source = (user as User & { source?: string }).source;
    const { providerSid, idToken } = providerSessionOf(account, profile);
    const session = await startSession({
      userId: Number(user.id),
      providerSid,
      origin: authRequestDetails(),
      detail: source ? { source } : undefined,
    });
    // The account's language follows the person to any browser they sign in with (a cookie the pages read).
    if (isLocale(session.locale)) issueLocaleCookie(session.locale);
    return {
      ...token,
      role: (user as User & { role?: string }).role,
      sid: session.id,
      sessionEnd: Math.floor(session.expiresAt.getTime() / 1000),
      ...(idToken ? { idToken } : {}),
    };
  }
  let live;
  try {
    live = token.sid ? await liveSession({ id: token.sid }) : null;
  } catch (error) {
    // A database that does not answer ends no session: the cookie stays as it was, and every API
    // request with it answers 1006 meanwhile (lib/auth/caller.ts asks the database itself).
    if (isDatabaseError(error)) return token;
    throw error;
  }
  if (!live) throw new Error(SESSION_ENDED);
  return { ...token, role: live.role, email: live.email };
};

/** The session as pages and useSession see it: it never claims to last past its absolute end. */
export const sessionCallback: CallbacksOptions["session"] = ({ session, token }) => {
  if (session.user) Object.assign(session.user, { id: token.sub, role: token.role, email: token.email });
  if (token.sessionEnd !== undefined && Date.parse(session.expires) > token.sessionEnd * 1000)
    session.expires = new Date(token.sessionEnd * 1000).toISOString();
  return session;
};

/** next-auth's own encoding, with the JWT's expiry capped at the session's absolute end. */
export async function encodeSessionJwt(params: JWTEncodeParams): Promise<string> {
  const end = (params.token as JWT | undefined)?.sessionEnd;
  const maxAge = params.maxAge ?? 30 * 24 * 60 * 60;
  const remaining = end === undefined ? maxAge : Math.max(1, end - Math.floor(Date.now() / 1000));
  return encode({ ...params, maxAge: Math.min(maxAge, remaining) });
}

/** Sign-out ends the session on the server, not only in the browser. */
export const signOutEvent: EventCallbacks["signOut"] = async ({ token }) => {
  if (token?.sid) {
    const userId = Number(token.sub);
    const { ip, requestId } = authRequestDetails();
    const actor = { type: "user" as const, id: userId, name: token.email ?? null };
    await endSession({ id: token.sid, audit: Number.isSafeInteger(userId) ? { actor, ip, requestId } : undefined });
  }
  noteProviderSignOut(token);
  logger.info("signed out", { userId: token?.sub });
};

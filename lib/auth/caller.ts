import "server-only";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";
import type { Caller } from "@/lib/auth/caller-type";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { liveSession } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { resolveToken } from "@/lib/tokens/resolve-token";
import { isWellFormedToken } from "@/lib/tokens/token-secret";

export type { Caller } from "@/lib/auth/caller-type";

const CHALLENGE = 'Bearer realm="api"';

const invalidToken = (detail: string, code: 2002 | 2004 = 2004, description = "The access token is not valid") =>
  new AppError(code, detail, {
    headers: { "WWW-Authenticate": `${CHALLENGE}, error="invalid_token", error_description="${description}"` },
  });

async function fromBearer(header: string): Promise<Caller> {
  const secret = /^Bearer +(\S+)\s*$/i.exec(header)?.[1];
  if (!secret || !isWellFormedToken(secret)) throw invalidToken("The access token is malformed");
  const token = await resolveToken(secret);
  if (!token) throw invalidToken("The access token is not valid");
  if (token.revoked) throw invalidToken("The access token has been revoked");
  if (token.expiresAt.getTime() <= Date.now()) {
    throw invalidToken(
      `The access token expired at ${token.expiresAt.toISOString()}`,
      2002,
      "The access token expired",
    );
  }
  return { kind: "token", tokenId: token.id, tokenName: token.name, role: token.role };
}

/**
 * The session cookie's caller, while its session lasts on the server (signed out, ended by a role or
 * password change or the user's deletion, or past its absolute end: null). The role is the user's now.
 */
async function fromSession(request: NextRequest): Promise<Caller | null> {
  const jwt = await getToken({ req: request, secret: authSecret, cookieName: sessionCookieName });
  if (!jwt?.sid) return null;
  const session = await liveSession({ id: jwt.sid });
  if (!session) return null;
  return { kind: "session", sessionId: jwt.sid, userId: session.userId, email: session.email, role: session.role };
}

/** Who is calling: a Bearer token (checked first: an explicit credential wins) or the session cookie. */
export async function resolveCaller(request: NextRequest): Promise<Caller> {
  const authorization = request.headers.get("authorization");
  if (authorization) return fromBearer(authorization);
  const session = await fromSession(request);
  if (session) return session;
  const expired = request.cookies.has(sessionCookieName);
  if (expired)
    throw new AppError(2002, "The session has expired or ended; sign in again", {
      headers: { "WWW-Authenticate": CHALLENGE },
    });
  throw new AppError(2004, "No access token or session was sent", { headers: { "WWW-Authenticate": CHALLENGE } });
}

export function callerKey(caller: Caller): string {
  return caller.kind === "token" ? `token:${caller.tokenId}` : `user:${caller.userId}`;
}

// The claim checks of OpenID Connect Back-Channel Logout 1.0, section 2.6, after the signature (pure, so
// that each refusal is a table row in the unit test). The signature is checked in logout-token.ts.

export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

/** A logout token older than this (by `iat`) is refused; replays are remembered this long (plus the skew). */
export const LOGOUT_TOKEN_MAX_AGE_SECONDS = 10 * 60;
/** Clocks of the provider and this server may differ by this much. */
export const CLOCK_SKEW_SECONDS = 60;

export type LogoutRequest = { jti: string; sid: string | null; sub: string | null; iat: number };

type Expected = { issuer: string; clientId: string; nowSeconds: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** The logout request the claims carry, or the first reason they are refused. */
export function checkLogoutClaims(
  claims: Record<string, unknown>,
  expected: Expected,
): { ok: true; request: LogoutRequest } | { ok: false; problem: string } {
  const refuse = (problem: string) => ({ ok: false as const, problem });
  const { iss, aud, iat, exp, jti, events, sid, sub } = claims;
  if (iss !== expected.issuer) return refuse("iss is not the configured issuer");
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expected.clientId)) return refuse("aud does not name this client");
  if (typeof iat !== "number" || !Number.isFinite(iat)) return refuse("iat is missing");
  if (iat > expected.nowSeconds + CLOCK_SKEW_SECONDS) return refuse("iat is in the future");
  if (iat < expected.nowSeconds - LOGOUT_TOKEN_MAX_AGE_SECONDS - CLOCK_SKEW_SECONDS) return refuse("iat is too old");
  if (exp !== undefined && (typeof exp !== "number" || exp < expected.nowSeconds - CLOCK_SKEW_SECONDS))
    return refuse("exp has passed");
  if (!nonEmpty(jti)) return refuse("jti is missing");
  if (!isObject(events) || !isObject(events[BACKCHANNEL_LOGOUT_EVENT]))
    return refuse("events lacks the back-channel logout event");
  if (sid !== undefined && !nonEmpty(sid)) return refuse("sid is not a string");
  if (sub !== undefined && !nonEmpty(sub)) return refuse("sub is not a string");
  if (sid === undefined && sub === undefined) return refuse("neither sid nor sub is present");
  // A nonce would make it an ID token: section 2.4 forbids one, so that one cannot pass for the other.
  if (Object.hasOwn(claims, "nonce")) return refuse("a logout token must not carry a nonce");
  return { ok: true, request: { jti, sid: sid ?? null, sub: sub ?? null, iat } };
}

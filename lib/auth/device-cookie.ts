import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { env, secureCookies } from "@/lib/env";

// A browser that has signed in for an email gets a device cookie for that email (docs/decisions/021):
// its holder skips the per-email waits that strangers' guesses arm, and meets a limit of its own. The
// value is a random id, an expiry and an HMAC with the app's secret over both and the email, so it can be
// neither forged nor moved to another email. One cookie per email, named by an HMAC of the email (the
// email itself is not written in the browser), sent only to /api/auth.

const PATH = "/api/auth";
const PREFIX = `${secureCookies ? "__Secure-" : ""}pp-device-`;

const mac = (text: string) => createHmac("sha256", authSecret).update(text).digest("base64url");
const normal = (email: string) => email.trim().toLowerCase();

export const deviceCookieName = (email: string) => `${PREFIX}${mac(`device-name|${normal(email)}`).slice(0, 16)}`;

const signature = (email: string, id: string, expires: number) => mac(`device|v1|${normal(email)}|${id}|${expires}`);

/** The device id a cookie value proves for this email; null when it is absent, expired, forged or for another. */
export function verifyDeviceCookie(email: string, value: string | undefined, now = Date.now()): string | null {
  const [id, expiresText, sig, extra] = (value ?? "").split(".");
  if (!id || !expiresText || !sig || extra !== undefined || !/^\d{1,12}$/.test(expiresText)) return null;
  const expires = Number(expiresText);
  if (expires * 1000 <= now) return null;
  const expected = Buffer.from(signature(email, id, expires));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** A Set-Cookie header value for a new device cookie bound to this email. */
export function deviceSetCookie(email: string, now = Date.now()): string {
  const id = randomBytes(16).toString("base64url");
  const maxAge = env.AUTH_DEVICE_COOKIE_DAYS * 24 * 60 * 60;
  const expires = Math.floor(now / 1000) + maxAge;
  const value = `${id}.${expires}.${signature(email, id, expires)}`;
  const secure = secureCookies ? "; Secure" : "";
  return `${deviceCookieName(email)}=${value}; Path=${PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
}

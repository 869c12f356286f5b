import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { NextRequest } from "next/server";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { deviceCookieName, deviceSetCookie, verifyDeviceCookie } from "@/lib/auth/device-cookie";
import { REQUEST_ID_HEADER } from "@/lib/front-door/request-id";
import { localeSetCookie, type Locale } from "@/lib/i18n/locale";

// next-auth's authorize() sees neither the request's cookies as Next parsed them nor the response: the
// sign-in route runs inside this context, which lends it the first and carries a device cookie to the second.
// Its callbacks and events (jwt at sign-in, signOut) read the request's address, browser and id from it too,
// whichever provider signed the person in.

type SignInRequest = { request: NextRequest; issueFor: string | null; locale?: Locale | null };

const store = new AsyncLocalStorage<SignInRequest>();

type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;

export function withSignInRequest<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const current: SignInRequest = { request, issueFor: null };
    const response = await store.run(current, () => handler(request, context));
    if (current.issueFor === null && current.locale === undefined) return response;
    const headers = new Headers(response.headers);
    if (current.issueFor !== null) headers.append("Set-Cookie", deviceSetCookie(current.issueFor));
    if (current.locale !== undefined) headers.append("Set-Cookie", localeSetCookie(current.locale));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** The id of this browser's device cookie for the email, when it holds a valid one. */
export function deviceOfRequest(email: string): string | null {
  const request = store.getStore()?.request;
  return request ? verifyDeviceCookie(email, request.cookies.get(deviceCookieName(email))?.value) : null;
}

/** After a correct password: the answer gives this browser a (fresh) device cookie for the email. */
export function issueDeviceCookie(email: string): void {
  const current = store.getStore();
  if (current) current.issueFor = email;
}

/** At sign-in: the answer sets the page's language to the account's (null: the browser's), in any browser. */
export function issueLocaleCookie(locale: Locale | null): void {
  const current = store.getStore();
  if (current) current.locale = locale;
}

/** The longest User-Agent kept with a session: enough to tell browsers apart, bounded for the table. */
export const DEVICE_MAX_LENGTH = 200;

/** The next-auth request being served: client address, browser (User-Agent, truncated) and request id. */
export function authRequestDetails(): { ip: string | null; device: string | null; requestId: string | null } {
  const request = store.getStore()?.request;
  if (!request) return { ip: null, device: null, requestId: null };
  const device = request.headers.get("user-agent")?.trim().slice(0, DEVICE_MAX_LENGTH) || null;
  const ip = clientIpFromHeaders((name) => request.headers.get(name));
  return { ip: ip === "unknown" ? null : ip, device, requestId: request.headers.get(REQUEST_ID_HEADER) };
}

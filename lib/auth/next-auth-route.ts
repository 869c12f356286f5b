import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { appOrigin, secureCookies } from "@/lib/env";

type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;

const CALLBACK_COOKIE = `${secureCookies ? "__Secure-" : ""}next-auth.callback-url`;

/** An absolute URL on the app for `value`, as next-auth keeps callback URLs. */
const onApp = (value: string) => `${appOrigin}${safeCallbackUrl(value, appOrigin)}`;

function leavesApp(value: string): boolean {
  try {
    return new URL(value).origin !== appOrigin;
  } catch {
    return true;
  }
}

/**
 * next-auth's route, with the callback URLs it is given made safe first: next-auth refuses a
 * `callbackUrl` that is not http(s) (javascript:…) with a 500 page, and follows one that is. The query
 * parameter is replaced by its safe form; a callback-url cookie that leaves the app (only its holder can
 * have set it) is cleared and the request repeated (307 keeps the method and body).
 */
export function withSafeCallbacks<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const param = request.nextUrl.searchParams.get("callbackUrl");
    if (param !== null) request.nextUrl.searchParams.set("callbackUrl", onApp(param));
    const cookie = request.cookies.get(CALLBACK_COOKIE)?.value;
    if (cookie !== undefined && leavesApp(cookie)) {
      const { pathname, search } = request.nextUrl;
      const retry = NextResponse.redirect(new URL(`${pathname}${search}`, appOrigin), 307);
      retry.cookies.set(CALLBACK_COOKIE, "", {
        maxAge: 0,
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: secureCookies,
      });
      return retry;
    }
    return handler(request, context);
  };
}

import { rawHttp } from "./raw-http";
import { take } from "./take";

/** Cookies of a fetch response as name → value (the parts before the first ";"). */
export function cookiesOf(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = take(line.split(";"), 1);
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return jar;
}

export type SignInResult = { status: number; url: string | null; cookie: string | null; setCookie: string[] };

/** Signs in through next-auth's credentials flow over HTTP, as the sign-in page does. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<SignInResult> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = [...cookiesOf(csrfRes)].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const session = [...cookiesOf(res)].find(([name]) => name.endsWith("next-auth.session-token"));
  return {
    status: res.status,
    url: body.url ?? null,
    cookie: session ? `${session[0]}=${session[1]}` : null,
    setCookie: res.headers.getSetCookie(),
  };
}

/**
 * A session cookie for a test's setup, where sign-in is not what is tested. Once, on a full CI machine, the first
 * sign-in of a server just started gave no session (cause not seen: the run kept no server log); it is tried three
 * times, each failure written to stderr, and a setup that still has no session fails with what the server
 * answered, instead of later tests failing as "no session was sent".
 */
export async function setupSessionCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const answers: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const signed = await signInOverHttp(baseUrl, email, password);
    if (signed.cookie) return signed.cookie;
    answers.push(`HTTP ${signed.status} ${signed.url ?? ""}`.trim());
    process.stderr.write(`[setup] sign-in of ${email}, attempt ${attempt}, got no session: ${answers.at(-1)}\n`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`sign-in of ${email} gave no session three times: ${answers.join("; ")}`);
}

const SESSION_COOKIE = /((?:__Secure-)?next-auth\.session-token)=([^;,\s]+)/;
const CSRF_COOKIE = /((?:__Host-)?next-auth\.csrf-token)=([^;,\s]+)/;

const DEVICE_COOKIE = /((?:__Secure-)?pp-device-[A-Za-z0-9_-]+)=([^;,\s]+)([^,]*)/;

export type SignInFromResult = {
  error: string | null;
  cookie: string | null;
  /** The device cookie the answer set ("name=value"), and its attributes as sent. */
  device: string | null;
  deviceAttributes: string | null;
  /** Every Set-Cookie of the answer, as the raw connection received them. */
  setCookie: string;
};

/**
 * Signs in over a raw connection from a chosen local address (127.0.0.x: each its own TCP peer), with
 * extra headers such as X-Forwarded-For and cookies the browser holds (a device cookie). Returns the
 * error name next-auth gave (null on success), the session cookie and the device cookie it set.
 */
export async function signInFrom(
  port: number,
  options: {
    localAddress: string;
    email: string;
    password: string;
    headers?: Record<string, string>;
    cookie?: string;
  },
): Promise<SignInFromResult> {
  const post = await prepareSignIn(port, options);
  return post();
}

/**
 * The first half of a sign-in (the CSRF token): returns the POST, to be sent later, so that many can be
 * sent at the same moment.
 */
export async function prepareSignIn(
  port: number,
  options: {
    localAddress: string;
    email: string;
    password: string;
    headers?: Record<string, string>;
    cookie?: string;
  },
): Promise<() => Promise<SignInFromResult>> {
  const base = { localAddress: options.localAddress, headers: options.headers ?? {} };
  const csrf = await rawHttp(port, { ...base, method: "GET", target: "/api/auth/csrf" });
  const csrfCookie = CSRF_COOKIE.exec(csrf.headers.get("set-cookie") ?? "");
  const cookies = [csrfCookie ? `${csrfCookie[1]}=${csrfCookie[2]}` : "", options.cookie ?? ""].filter(Boolean);
  return async () => {
    const res = await rawHttp(port, {
      ...base,
      method: "POST",
      target: "/api/auth/callback/credentials",
      headers: {
        ...base.headers,
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: cookies.join("; "),
      },
      body: new URLSearchParams({
        csrfToken: csrf.json.csrfToken,
        email: options.email,
        password: options.password,
        json: "true",
      }).toString(),
    });
    const session = SESSION_COOKIE.exec(res.headers.get("set-cookie") ?? "");
    const device = DEVICE_COOKIE.exec(res.headers.get("set-cookie") ?? "");
    const url = (res.json as { url?: string } | undefined)?.url ?? "";
    return {
      error: new URL(url, "http://x").searchParams.get("error"),
      cookie: session && session[2] ? `${session[1]}=${session[2]}` : null,
      device: device ? `${device[1]}=${device[2]}` : null,
      deviceAttributes: device ? device[3]!.trim() : null,
      setCookie: res.headers.get("set-cookie") ?? "",
    };
  };
}

/** Signs out through next-auth as the page's button does (POST with the CSRF token). */
export async function signOutOverHttp(baseUrl: string, sessionCookie: string): Promise<number> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { Cookie: sessionCookie } });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = [...cookiesOf(csrfRes)].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `${sessionCookie}; ${csrfCookie}` },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  return res.status;
}

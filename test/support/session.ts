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

import type { OidcAccount, TestOidcProvider } from "@/test/support/oidc-provider";

// The single sign-on round trip over HTTP, one redirect at a time, as a browser makes it: a test can stop at
// any step and change what the next one sends (a state, a nonce cookie, a replayed callback).

/** The cookies a browser keeps for one origin (paths ignored: the servers here accept extra cookies). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** The app's session cookie, "name=value", or null. */
  session(): string | null {
    const entry = [...this.cookies].find(([name]) => name.endsWith("next-auth.session-token"));
    return entry ? `${entry[0]}=${entry[1]}` : null;
  }
}

async function get(url: string, jar: CookieJar): Promise<Response> {
  const res = await fetch(url, { redirect: "manual", headers: { Cookie: jar.header() } });
  jar.take(res);
  return res;
}

async function postForm(url: string, jar: CookieJar, form: Record<string, string>): Promise<Response> {
  const res = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: jar.header(), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  jar.take(res);
  return res;
}

const locationOf = (res: Response, base: string) => new URL(res.headers.get("location") ?? "", base).toString();

/** Step 1, at the app: the "Sign in with …" button's POST; returns the provider's authorization URL. */
export async function beginSignIn(appBaseUrl: string, app: CookieJar, callbackPath = "/settings/processes") {
  const csrf = await get(`${appBaseUrl}/api/auth/csrf`, app);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await postForm(`${appBaseUrl}/api/auth/signin/oidc`, app, {
    csrfToken,
    callbackUrl: `${appBaseUrl}${callbackPath}`,
    json: "true",
  });
  const { url } = (await res.json()) as { url: string };
  return url;
}

/** Step 2, at the provider: its login form; returns the redirect back to the app (code, state, iss). */
export async function loginAtProvider(authorizationUrl: string, op: CookieJar, account: OidcAccount) {
  let res = await get(authorizationUrl, op);
  let url = locationOf(res, authorizationUrl);
  if (res.status >= 400 || !url.includes("/interaction/")) throw new Error(`no login form: ${res.status} ${url}`);
  res = await get(url, op);
  const uid = /\/interaction\/([^/?#]+)/.exec(url)![1]!;
  res = await postForm(new URL(`/interaction/${uid}/login`, url).toString(), op, {
    login: account.sub,
    password: account.password,
  });
  // The provider resumes the authorization, then sends the browser back to the app.
  for (let hops = 0; hops < 5 && res.status >= 300 && res.status < 400; hops++) {
    url = locationOf(res, url);
    if (!url.startsWith(new URL(authorizationUrl).origin)) return url;
    res = await get(url, op);
  }
  throw new Error(`the provider did not send the browser back: ${res.status} ${await res.text()}`);
}

/** Step 3, at the app: the callback; returns where the app sends the browser, and its session cookie. */
export async function finishSignIn(callbackUrl: string, app: CookieJar) {
  const res = await get(callbackUrl, app);
  return { status: res.status, location: res.headers.get("location"), session: app.session() };
}

/** The whole round trip for one account, with fresh cookies; the jars are returned for what follows. */
export async function signInWithProvider(appBaseUrl: string, account: OidcAccount) {
  const app = new CookieJar();
  const op = new CookieJar();
  const callback = await loginAtProvider(await beginSignIn(appBaseUrl, app), op, account);
  return { ...(await finishSignIn(callback, app)), app, op };
}

/** Signs out at the provider (its end-session page and confirmation), as a person would there. */
export async function signOutAtProvider(provider: TestOidcProvider, op: CookieJar, query = "") {
  const res = await get(`${provider.issuer}/session/end${query}`, op);
  const html = await res.text();
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
  if (!xsrf) throw new Error(`no logout form: ${res.status} ${html.slice(0, 300)}`);
  const confirm = await postForm(`${provider.issuer}/session/end/confirm`, op, { xsrf, logout: "yes" });
  return { status: confirm.status, location: confirm.headers.get("location") };
}

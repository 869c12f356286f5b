// A session cookie through next-auth's credentials flow, as the sign-in page gets one.

function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((line) => line.split(";")[0]);
}

/** Signs in and returns the `Cookie` header value carrying the session token. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookiePairs(csrfRes).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiePairs(res).find((pair) => pair.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in as ${email} gave no session cookie (HTTP ${res.status})`);
  return session;
}

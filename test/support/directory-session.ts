import Database from "better-sqlite3";
import { cookiesOf } from "@/test/support/session";

/** The answer to a directory sign-in: next-auth's error name (null on success) and the session cookie. */
export type DirectorySignInResult = { status: number; error: string | null; cookie: string | null; ms: number };

/**
 * Signs in through the directory form's provider ("ldap") over HTTP, as the sign-in page does; gives up
 * after `deadlineMs` (the answer must come within it: the fetch is aborted, and the test fails).
 */
export async function signInWithDirectory(
  baseUrl: string,
  login: string,
  password: string,
  deadlineMs = 30_000,
): Promise<DirectorySignInResult> {
  const signal = AbortSignal.timeout(deadlineMs);
  const started = performance.now();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { signal });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = [...cookiesOf(csrfRes)].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/ldap`, {
    method: "POST",
    redirect: "manual",
    signal,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, login, password, json: "true" }),
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const ms = performance.now() - started;
  const session = [...cookiesOf(res)].find(([name]) => name.endsWith("next-auth.session-token"));
  const error = body.url ? new URL(body.url).searchParams.get("error") : null;
  return { status: res.status, error, cookie: session ? `${session[0]}=${session[1]}` : null, ms };
}

/** Rows of a query on a test database's SQLite file (read-only), to check what the server stored. */
export function sqliteRows<T>(databaseUrl: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(databaseUrl.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

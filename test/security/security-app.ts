import type { Role } from "@/lib/auth/roles";
import { TEST_ADMIN } from "@/test/support/accounts";
import { rawHttp } from "@/test/support/raw-http";
import { holdHelper } from "@/test/support/fixture-data";
import { signInOverHttp } from "@/test/support/session";
import { createTestDatabase, type Provider, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

/** The API limit of `limited` and `proxied`: small, so that a case reaches it in a few requests. */
export const SMALL_LIMIT = 10;

/**
 * The sign-in limits and session lifetime of `limited`: three free failures per address and email, then
 * a minute's wait; per email across addresses five, then waits of at most one second; two free failures
 * for a browser with a device cookie; ten attempts per address a minute, whatever the email; one hash at a
 * time with one waiting; sessions signed in there end 4 s after sign-in whatever is renewed.
 */
export const LIMITED_SIGN_IN = {
  RATE_LIMIT_SIGNIN_POINTS: "3",
  RATE_LIMIT_SIGNIN_DELAY_SECONDS: "60",
  RATE_LIMIT_SIGNIN_ACCOUNT_POINTS: "5",
  RATE_LIMIT_SIGNIN_ACCOUNT_MAX_DELAY_SECONDS: "1",
  RATE_LIMIT_SIGNIN_DEVICE_POINTS: "2",
  RATE_LIMIT_SIGNIN_ADDRESS_POINTS: "10",
  SIGNIN_HASH_WORKERS: "1",
  SIGNIN_HASH_QUEUE: "1",
  SESSION_ABSOLUTE_MAX_SECONDS: "4",
};

/**
 * One database and three servers on it, shared by the cases of lib/security/security.contract.test.ts:
 * `main` with the default settings, `limited` with a small API limit and small sign-in limits, and `proxied`, which trusts the
 * proxy 127.0.0.3 (and 10.0.0.0/8) and serves Secure cookies (so it sends HSTS).
 */
export type SecurityApp = {
  databaseUrl: string;
  main: TestServer;
  limited: TestServer;
  proxied: TestServer;
  /** The first Super user's session cookie on `main`. */
  session: string;
  /** A Super user token that reads the state back. */
  observer: string;
  /** A fresh API token (its own rate-limit count), created through the API. */
  token: (role: Role) => Promise<string>;
  /** Every process, as the API lists it to `observer` on `main`: a refused request must leave it as it was. */
  list: () => Promise<unknown[]>;
};

export async function startSecurityApp(provider: Provider): Promise<{ app: SecurityApp; stop: () => Promise<void> }> {
  const database: TestDatabase = await createTestDatabase(provider);
  // The lockout and session cases create a person each, seconds apart: one helper serves them all.
  holdHelper(database.url);
  const servers: TestServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  };
  try {
    const env = { DATABASE_URL: database.url };
    // The first start migrates, creates the Super user and the eight demo processes. The redirect cases
    // sign in often; the sign-in limit has its own tests.
    const main = await startServer({
      env: { ...env, RATE_LIMIT_SIGNIN_POINTS: "1000", RATE_LIMIT_SIGNIN_ADDRESS_POINTS: "1000" },
    });
    servers.push(main);
    const quiet = { ...env, SEED_DEMO_DATA: "false", RATE_LIMIT_API_POINTS: String(SMALL_LIMIT) };
    const [limited, proxied] = await Promise.all([
      startServer({ env: { ...quiet, ...LIMITED_SIGN_IN } }),
      startServer({ env: { ...quiet, TRUSTED_PROXIES: "127.0.0.3, 10.0.0.0/8", AUTH_SECURE_COOKIES: "true" } }),
    ]);
    servers.push(limited!, proxied!);
    const signedIn = await signInOverHttp(main.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
    if (!signedIn.cookie) throw new Error(`sign-in failed (HTTP ${signedIn.status})`);
    const session = signedIn.cookie;
    let made = 0;
    const token = async (role: Role) => {
      const res = await rawHttp(main.port, {
        method: "POST",
        target: "/api/v1/tokens",
        headers: { Cookie: session, Origin: main.baseUrl, "Content-Type": "application/json" },
        body: JSON.stringify({ name: `security ${++made}`, role }),
      });
      if (res.status !== 201) throw new Error(`token creation answered ${res.status}: ${res.body}`);
      return res.json.secret as string;
    };
    const observer = await token("Super user");
    const list = async () => {
      const res = await rawHttp(main.port, {
        method: "GET",
        target: "/api/v1/processes",
        headers: { Authorization: `Bearer ${observer}` },
      });
      return res.json.processes as unknown[];
    };
    return {
      app: { databaseUrl: database.url, main, limited: limited!, proxied: proxied!, session, observer, token, list },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

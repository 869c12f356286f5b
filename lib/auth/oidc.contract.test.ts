import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKCHANNEL_LOGOUT_EVENT } from "@/lib/auth/oidc/logout-token-claims";
import { http } from "@/test/support/http";
import {
  beginSignIn,
  CookieJar,
  finishSignIn,
  loginAtProvider,
  signInWithProvider,
  signOutAtProvider,
} from "@/test/support/oidc-flow";
import { startOidcProvider, type OidcAccount, type TestOidcProvider } from "@/test/support/oidc-provider";
import { openSqlReader, type SqlReader } from "@/test/support/sql-reader";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/test/support/test-database";
import { freePort, startServer, type TestServer } from "@/test/support/test-server";

// Single sign-on against a real OpenID Provider (test/support/oidc-provider.ts), the app's production build
// and its database: the round trip one redirect at a time, so that each check can be tampered with.

const account = (sub: string, roles: string[], email: string | null = `${sub}@plant.example`): OidcAccount => ({
  sub,
  email,
  name: `${sub} name`,
  password: `${sub}-password`,
  roles,
});

const ADMIN = account("ada", ["plant-operator", "plant-admin"]);
const LEAD = account("lee", ["plant-lead"]);
const OPERATOR = account("olga", ["plant-operator"]);
const GUEST = account("gus", ["visitor"]);
const SHIFTING = account("sam", ["plant-operator"]);
const LEAVER = account("lea", ["plant-lead"]);
const NO_EMAIL = account("nemo", ["plant-lead"], null);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const { provider: dbProvider, options } of PROVIDERS)
  describe(`${dbProvider}: single sign-on (OIDC) against a real provider`, options, () => {
    let database: TestDatabase;
    let provider: TestOidcProvider;
    let server: TestServer;
    let sql: SqlReader;

    const rows = <T>(text: string, ...params: unknown[]) => sql.rows<T>(text, ...params);
    const sessionCount = async () => Number((await rows<{ n: number }>("SELECT COUNT(*) AS n FROM sessions"))[0]!.n);
    const userBySub = async (sub: string) =>
      (
        await rows<{ id: number; email: string; role: string; source: string; passwordHash: string }>(
          'SELECT id, email, role, source, "passwordHash" FROM users WHERE source = \'oidc\' AND "externalId" = ?',
          sub,
        )
      )[0];
    const audits = (action: string) =>
      rows<{ actorType: string; actorName: string | null; targetName: string | null; detail: string }>(
        'SELECT "actorType", "actorName", "targetName", detail FROM audit_events WHERE action = ? ORDER BY id',
        action,
      );
    const sessionOf = async (cookie: string | null) =>
      (await fetch(`${server.baseUrl}/api/auth/session`, { headers: { Cookie: cookie ?? "" } })).json() as Promise<{
        user?: { email: string; role: string };
      }>;

    beforeAll(async () => {
      database = await createTestDatabase(dbProvider);
      const port = await freePort();
      provider = await startOidcProvider({
        appOrigin: `http://127.0.0.1:${port}`,
        accounts: [ADMIN, LEAD, OPERATOR, GUEST, SHIFTING, LEAVER, NO_EMAIL],
      });
      server = await startServer({
        port,
        env: { DATABASE_URL: database.url, ...provider.appEnv({ OIDC_ROLE_CLAIM: "realm_access.roles" }) },
      });
      sql = await openSqlReader(database.url);
    }, 120_000);

    afterAll(async () => {
      await sql?.close();
      await server?.stop();
      await provider?.stop();
      await database?.drop();
    });

    it.each([
      [ADMIN, "Super user"],
      [LEAD, "Advanced user"],
      [OPERATOR, "User"],
    ])("$sub signs in through the provider with the role the claim maps to", async (who, role) => {
      const result = await signInWithProvider(server.baseUrl, who);
      expect(result.status).toBe(302);
      expect(result.location).toBe(`${server.baseUrl}/settings/processes`);
      expect(result.session).toMatch(/^next-auth\.session-token=/);
      expect((await sessionOf(result.session)).user).toMatchObject({ email: who.email, role });
      expect(await userBySub(who.sub)).toMatchObject({ email: who.email, role, source: "oidc", passwordHash: "" });
      // The role works on the API: tokens are the Super user's alone.
      const tokens = await http(server.baseUrl, "GET", "/api/v1/tokens", { headers: { Cookie: result.session! } });
      expect(tokens.status).toBe(role === "Super user" ? 200 : 403);
      // The session's row holds the provider's session id, which back-channel logout names.
      const sids = await rows<{ providerSid: string | null }>(
        'SELECT "providerSid" FROM sessions WHERE "userId" = ?',
        (await userBySub(who.sub))!.id,
      );
      expect(sids.at(-1)?.providerSid).toMatch(/^.{8,}$/);
    });

    it("a claim that maps to no role is refused with its own message, and nothing is made", async () => {
      const before = await sessionCount();
      const result = await signInWithProvider(server.baseUrl, GUEST);
      expect(result.location).toBe(`${server.baseUrl}/signin?error=OidcNoRole`);
      expect(result.session).toBeNull();
      expect(await userBySub(GUEST.sub)).toBeUndefined();
      expect(await sessionCount()).toBe(before);
      const refused = (await audits("directory.refused")).map((a) => JSON.parse(a.detail));
      expect(refused).toContainEqual({ source: "oidc", reason: "no-mapped-role", sub: GUEST.sub });
      const signInPage = await fetch(`${server.baseUrl}/signin?error=OidcNoRole`, {
        headers: { "Accept-Language": "en" },
      });
      expect(await signInPage.text()).toContain("has no role in this application");
    });

    it("an identity without an email is refused", async () => {
      const result = await signInWithProvider(server.baseUrl, NO_EMAIL);
      expect(result.location).toBe(`${server.baseUrl}/signin?error=OidcNoEmail`);
      expect(await userBySub(NO_EMAIL.sub)).toBeUndefined();
    });

    it("the role follows the claim at every sign-in", async () => {
      expect((await sessionOf((await signInWithProvider(server.baseUrl, SHIFTING)).session)).user?.role).toBe("User");
      provider.accounts.get(SHIFTING.sub)!.roles = ["plant-lead"];
      const again = await signInWithProvider(server.baseUrl, SHIFTING);
      expect((await sessionOf(again.session)).user?.role).toBe("Advanced user");
      expect((await userBySub(SHIFTING.sub))?.role).toBe("Advanced user");
      const changed = (await audits("role.changed")).filter((a) => a.targetName === SHIFTING.email);
      expect(changed.map((a) => JSON.parse(a.detail))).toEqual([{ from: "User", to: "Advanced user" }]);
      expect((await audits("user.created")).filter((a) => a.targetName === SHIFTING.email)).toHaveLength(1);
    });

    it("a user disabled here is refused at sign-in", async () => {
      await signInWithProvider(server.baseUrl, LEAVER);
      await rows('UPDATE users SET disabled = TRUE WHERE "externalId" = ?', LEAVER.sub);
      const before = await sessionCount();
      const result = await signInWithProvider(server.baseUrl, LEAVER);
      expect(result.location).toBe(`${server.baseUrl}/signin?error=OidcDisabled`);
      expect(result.session).toBeNull();
      expect(await sessionCount()).toBe(before);
      const refused = (await audits("directory.refused")).map((a) => JSON.parse(a.detail));
      expect(refused).toContainEqual({ source: "oidc", reason: "disabled", sub: LEAVER.sub });
    });

    it("a tampered state is refused and starts no session", async () => {
      const app = new CookieJar();
      const callback = new URL(await loginAtProvider(await beginSignIn(server.baseUrl, app), new CookieJar(), LEAD));
      callback.searchParams.set("state", `${callback.searchParams.get("state")}x`);
      const before = await sessionCount();
      const result = await finishSignIn(callback.toString(), app);
      expect(result.location).toMatch(/\/api\/auth\/error\?error=OAuthCallback$/);
      expect(result.session).toBeNull();
      expect(await sessionCount()).toBe(before);
    });

    it("a callback without the state cookie is refused", async () => {
      const app = new CookieJar();
      const callback = await loginAtProvider(await beginSignIn(server.baseUrl, app), new CookieJar(), LEAD);
      for (const name of app.cookies.keys()) if (name.includes("state")) app.cookies.delete(name);
      const result = await finishSignIn(callback, app);
      expect(result.location).toMatch(/error=OAuthCallback$/);
      expect(result.session).toBeNull();
    });

    it("the nonce of another sign-in is refused: the ID token's nonce must be this browser's", async () => {
      const mine = new CookieJar();
      const callback = await loginAtProvider(await beginSignIn(server.baseUrl, mine), new CookieJar(), LEAD);
      const other = new CookieJar();
      await beginSignIn(server.baseUrl, other);
      const nonceName = [...mine.cookies.keys()].find((name) => name.endsWith("next-auth.nonce"))!;
      expect(other.cookies.get(nonceName)).toBeTruthy();
      mine.cookies.set(nonceName, other.cookies.get(nonceName)!);
      const before = await sessionCount();
      const result = await finishSignIn(callback, mine);
      expect(result.location).toMatch(/error=OAuthCallback$/);
      expect(result.session).toBeNull();
      expect(await sessionCount()).toBe(before);
    });

    it("a callback replayed with its cookies (code, state and nonce used before) is refused", async () => {
      const app = new CookieJar();
      const callback = await loginAtProvider(await beginSignIn(server.baseUrl, app), new CookieJar(), LEAD);
      const saved = new Map(app.cookies);
      expect((await finishSignIn(callback, app)).session).toBeTruthy();
      const replay = new CookieJar();
      for (const [k, v] of saved) replay.cookies.set(k, v);
      const before = await sessionCount();
      const result = await finishSignIn(callback, replay);
      expect(result.location).toMatch(/error=OAuthCallback$/);
      expect(result.session).toBeNull();
      expect(await sessionCount()).toBe(before);
    });

    it("signing out at the provider ends the session here within 5 s (its back-channel logout)", async () => {
      const signed = await signInWithProvider(server.baseUrl, OPERATOR);
      expect((await sessionOf(signed.session)).user?.role).toBe("User");
      const calls = provider.backchannelCalls.length;
      const out = await signOutAtProvider(provider, signed.op);
      expect(out.status).toBe(303);
      expect(provider.backchannelCalls.slice(calls)).toEqual([{ ok: true, sid: expect.any(String) }]);
      let user: unknown = {};
      for (let i = 0; i < 50 && user; i++) {
        user = (await sessionOf(signed.session)).user;
        if (user) await sleep(100);
      }
      expect(user).toBeUndefined();
      const api = await http(server.baseUrl, "GET", "/api/v1/processes", { headers: { Cookie: signed.session! } });
      expect(api.status).toBe(401);
      const ended = (await audits("sessions.ended")).at(-1)!;
      expect(ended).toMatchObject({ actorType: "system", targetName: OPERATOR.email });
      expect(JSON.parse(ended.detail)).toMatchObject({ reason: "back-channel logout", sessions: 1 });
    });

    describe("logout tokens posted to the back-channel route", () => {
      const now = () => Math.floor(Date.now() / 1000);
      const claims = (change: Record<string, unknown> = {}) => ({
        iss: provider.issuer,
        aud: provider.clientId,
        iat: now(),
        exp: now() + 120,
        jti: `jti-${Math.random().toString(36).slice(2)}`,
        sub: LEAD.sub,
        events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
        ...change,
      });
      const post = (token: string, type = "application/x-www-form-urlencoded") =>
        fetch(`${server.baseUrl}/api/auth/oidc/backchannel-logout`, {
          method: "POST",
          headers: { "Content-Type": type },
          body: new URLSearchParams({ logout_token: token }),
        });

      it.each([
        ["signed with a key the provider never published", {}, "stranger"],
        ["from another issuer", { iss: "http://127.0.0.1:1" }, "provider"],
        ["for another client", { aud: "someone-else" }, "provider"],
        ["without the events claim", { events: undefined }, "provider"],
        ["with another event", { events: { "http://schemas.openid.net/event/other": {} } }, "provider"],
        ["with a nonce", { nonce: "abc" }, "provider"],
        ["without sid and sub", { sub: undefined }, "provider"],
        ["issued long ago", { iat: now() - 3600, exp: now() + 60 }, "provider"],
      ] as const)("one %s is refused with 400 and ends nothing", async (_, change, key) => {
        const signed = await signInWithProvider(server.baseUrl, LEAD);
        const before = await sessionCount();
        const token = await provider.signLogoutToken(
          Object.fromEntries(Object.entries(claims(change)).filter(([, v]) => v !== undefined)),
          key,
        );
        const res = await post(token);
        expect(res.status).toBe(400);
        expect(res.headers.get("cache-control")).toBe("no-store");
        expect(((await res.json()) as { code: number }).code).toBe(1001);
        expect(await sessionCount()).toBe(before);
        expect((await sessionOf(signed.session)).user?.email).toBe(LEAD.email);
      });

      it("an unsigned token, garbage, a missing token and a JSON body are refused with 400", async () => {
        const before = await sessionCount();
        const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
        const body = Buffer.from(JSON.stringify(claims())).toString("base64url");
        expect((await post(`${header}.${body}.`)).status).toBe(400);
        expect((await post("not-a-jwt")).status).toBe(400);
        const missing = await fetch(`${server.baseUrl}/api/auth/oidc/backchannel-logout`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "",
        });
        expect(missing.status).toBe(400);
        expect((await post(await provider.signLogoutToken(claims()), "application/json")).status).toBe(400);
        expect(await sessionCount()).toBe(before);
      });

      it("a valid token naming the subject ends all of that user's sessions; its replay is refused", async () => {
        const first = await signInWithProvider(server.baseUrl, LEAD);
        const second = await signInWithProvider(server.baseUrl, LEAD);
        const token = await provider.signLogoutToken(claims());
        const res = await post(token);
        expect(res.status).toBe(200);
        expect(res.headers.get("cache-control")).toBe("no-store");
        expect((await sessionOf(first.session)).user).toBeUndefined();
        expect((await sessionOf(second.session)).user).toBeUndefined();
        expect(await rows('SELECT id FROM sessions WHERE "userId" = ?', (await userBySub(LEAD.sub))!.id)).toEqual([]);
        const third = await signInWithProvider(server.baseUrl, LEAD);
        expect((await post(token)).status).toBe(400);
        expect((await sessionOf(third.session)).user?.email).toBe(LEAD.email);
      });

      it("a token naming a session id ends that session only", async () => {
        const kept = await signInWithProvider(server.baseUrl, ADMIN);
        const ended = await signInWithProvider(server.baseUrl, ADMIN);
        const providerSid = (
          await rows<{ providerSid: string }>(
            'SELECT "providerSid" FROM sessions WHERE "userId" = ? ORDER BY "createdAt" DESC LIMIT 1',
            (await userBySub(ADMIN.sub))!.id,
          )
        )[0]!.providerSid;
        expect((await post(await provider.signLogoutToken(claims({ sub: ADMIN.sub, sid: providerSid })))).status).toBe(
          200,
        );
        expect((await sessionOf(ended.session)).user).toBeUndefined();
        expect((await sessionOf(kept.session)).user?.role).toBe("Super user");
      });
    });

    it("signing out here goes on to the provider's end-session endpoint with the ID token, and back to /signin", async () => {
      const signed = await signInWithProvider(server.baseUrl, ADMIN);
      const csrf = await fetch(`${server.baseUrl}/api/auth/csrf`, { headers: { Cookie: signed.app.header() } });
      signed.app.take(csrf);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await fetch(`${server.baseUrl}/api/auth/signout`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: signed.app.header() },
        body: new URLSearchParams({ csrfToken, callbackUrl: "/signin", json: "true" }),
      });
      expect(res.status).toBe(200);
      const url = new URL(((await res.json()) as { url: string }).url);
      expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/session/end`);
      expect(url.searchParams.get("post_logout_redirect_uri")).toBe(`${server.baseUrl}/signin`);
      expect(url.searchParams.get("client_id")).toBe(provider.clientId);
      expect(url.searchParams.get("id_token_hint")?.split(".")).toHaveLength(3);
      // Ended here at once, whatever the provider does next.
      expect((await sessionOf(signed.session)).user).toBeUndefined();
      const out = await signOutAtProvider(provider, signed.op, url.search);
      expect(out).toEqual({ status: 303, location: `${server.baseUrl}/signin` });
    });

    it("a local (password) session signs out here only", async () => {
      const { signInOverHttp } = await import("@/test/support/session");
      const { TEST_ADMIN } = await import("@/test/support/accounts");
      const local = await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
      const csrf = await fetch(`${server.baseUrl}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookies = [local.cookie, ...csrf.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
      const res = await fetch(`${server.baseUrl}/api/auth/signout`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies },
        body: new URLSearchParams({ csrfToken, callbackUrl: `${server.baseUrl}/signin`, json: "true" }),
      });
      expect(((await res.json()) as { url: string }).url).toBe(`${server.baseUrl}/signin`);
    });
  });

describe("single sign-on alone: LOCAL_SIGN_IN=off without LDAP (SQLite)", () => {
  let database: TestDatabase;
  let provider: TestOidcProvider;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const port = await freePort();
    provider = await startOidcProvider({ appOrigin: `http://127.0.0.1:${port}`, accounts: [LEAD] });
    server = await startServer({
      port,
      env: { DATABASE_URL: database.url, LOCAL_SIGN_IN: "off", ...provider.appEnv({ OIDC_DISPLAY_NAME: "Plant ID" }) },
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await provider?.stop();
    await database?.drop();
  });

  it("starts, offers only the provider's button, refuses passwords and signs in through the provider", async () => {
    const page = await (await fetch(`${server.baseUrl}/signin`, { headers: { "Accept-Language": "ru" } })).text();
    expect(page).toContain("Войти через Plant ID");
    expect(page).not.toContain('type="password"');
    const { signInOverHttp } = await import("@/test/support/session");
    const { TEST_ADMIN } = await import("@/test/support/accounts");
    expect((await signInOverHttp(server.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password)).cookie).toBeNull();
    const signed = await signInWithProvider(server.baseUrl, LEAD);
    const session = await fetch(`${server.baseUrl}/api/auth/session`, { headers: { Cookie: signed.session ?? "" } });
    expect(((await session.json()) as { user?: { role: string } }).user?.role).toBe("Advanced user");
  });
});

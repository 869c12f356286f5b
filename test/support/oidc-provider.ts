import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { importJWK, SignJWT, type JWK } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { freePort } from "@/test/support/test-server";

// A real, certified OpenID Provider (panva's oidc-provider) for the single sign-on tests, in this process on
// a free local port: one client registered for the app's callback, back-channel logout and RP-initiated
// logout on, and a minimal login form of our own (its dev login pages load a web font from the internet,
// which these machines must not ask for). Accounts carry the role claim both flat (`roles`) and nested
// (`realm_access.roles`), released with the `roles` scope.

export type OidcAccount = { sub: string; email: string | null; name: string; password: string; roles: string[] };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The accounts by sub; change one's roles and its next sign-in carries them. */
  accounts: Map<string, OidcAccount>;
  /** The app's settings for this provider (OIDC_*). */
  appEnv: (extra?: Record<string, string>) => Record<string, string>;
  /** A logout token signed with the provider's own key ("provider") or a key it never published ("stranger"). */
  signLogoutToken: (claims: Record<string, unknown>, key?: "provider" | "stranger") => Promise<string>;
  /** The provider's own back-channel logout calls to the app, as it reported them. */
  backchannelCalls: { ok: boolean; sid: string; error?: string }[];
  stop: () => Promise<void>;
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function loginForm(uid: string, error?: string): string {
  const alert = error ? `<p role="alert">${escapeHtml(error)}</p>` : "";
  return page(
    "Test provider sign-in",
    `${alert}<form method="post" action="/interaction/${uid}/login">
      <p><label for="login">Username</label> <input id="login" name="login" autocomplete="off"></p>
      <p><label for="password">Password</label> <input id="password" name="password" type="password"></p>
      <button type="submit">Continue</button></form>`,
  );
}

async function formOf(req: http.IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

function rsaKey(kid: string): JWK {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...(privateKey.export({ format: "jwk" }) as JWK), kid, alg: "RS256", use: "sig" };
}

export async function startOidcProvider(options: {
  /** The app's origin: the client's redirect, post-logout and back-channel URLs are on it. */
  appOrigin: string;
  accounts: OidcAccount[];
}): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "plant-processes";
  const clientSecret = randomBytes(24).toString("base64url");
  // Copies: a test that changes an account changes it at this provider only.
  const accounts = new Map(options.accounts.map((a) => [a.sub, { ...a, roles: [...a.roles] }]));
  const signingKey = rsaKey("test-key-1");
  const strangerKey = rsaKey("test-key-1"); // same kid, not published: its signatures must not verify
  const backchannelCalls: TestOidcProvider["backchannelCalls"] = [];

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${options.appOrigin}/api/auth/callback/oidc`],
        post_logout_redirect_uris: [`${options.appOrigin}/signin`],
        backchannel_logout_uri: `${options.appOrigin}/api/auth/oidc/backchannel-logout`,
        backchannel_logout_session_required: true,
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      roles: ["roles", "realm_access"],
    },
    // The ID token carries the scopes' claims (the app reads the role from it), not only userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page(
            "Sign out of the test provider?",
            `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`,
          );
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page("Signed out of the test provider", "");
        },
      },
    },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          ...(account.email ? { email: account.email, email_verified: true } : {}),
          name: account.name,
          roles: account.roles,
          realm_access: { roles: account.roles },
        }),
      };
    },
    // A first-party client: no consent screen; every sign-in is granted the scopes it asks for.
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId });
      grant.addOIDCScope(String(oidc.params?.scope ?? "openid"));
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page("Test provider error", `<pre>${escapeHtml(JSON.stringify(out))}</pre>`);
    },
    // The provider refuses to call loopback addresses (SSRF protection); the app under test is on one.
    fetch: (url, init) => globalThis.fetch(url, { ...init, dispatcher: undefined } as RequestInit),
  };
  const provider = new Provider(issuer, configuration);
  provider.on("backchannel.success", (_ctx, _client, _accountId, sid: string) =>
    backchannelCalls.push({ ok: true, sid }),
  );
  provider.on("backchannel.error", (_ctx, error: Error, _client, _accountId, sid: string) =>
    backchannelCalls.push({ ok: false, sid, error: error.message }),
  );
  const callback = provider.callback();

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, uid: string, action?: string) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "POST" && action === "login") {
      const form = await formOf(req);
      const login = form.get("login") ?? "";
      const account = [...accounts.values()].find((a) => a.sub === login || a.email === login);
      if (!account || account.password !== form.get("password")) {
        res
          .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
          .end(loginForm(uid, "Wrong username or password"));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name !== "login") throw new Error(`unexpected prompt ${details.prompt.name}`);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(loginForm(uid));
  }

  const server = http.createServer((req, res) => {
    const match = /^\/interaction\/([^/?]+)(?:\/(login))?/.exec(req.url ?? "");
    if (!match) return void callback(req, res);
    interaction(req, res, match[1]!, match[2]).catch((error: Error) => {
      res.writeHead(500, { "Content-Type": "text/plain" }).end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  if ((server.address() as AddressInfo).port !== port) throw new Error("the provider's port moved");

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    backchannelCalls,
    appEnv: (extra = {}) => ({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_ROLE_MAP: "plant-admin=Super user;plant-lead=Advanced user;plant-operator=User",
      OIDC_SCOPES: "openid email profile roles",
      ...extra,
    }),
    async signLogoutToken(claims, key = "provider") {
      const jwk = key === "provider" ? signingKey : strangerKey;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: jwk.kid, typ: "logout+jwt" })
        .sign(await importJWK(jwk, "RS256"));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

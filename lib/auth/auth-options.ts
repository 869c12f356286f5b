import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { authSecret } from "@/lib/auth/secret";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { hashesStarted, HashPoolFull } from "@/lib/auth/hash-pool";
import { directoryProviders } from "@/lib/auth/ldap/ldap-provider";
import { localSignInAllowed } from "@/lib/auth/local-sign-in";
import { admitOidcSignIn, oidcProvider } from "@/lib/auth/oidc/provider";
import { OIDC_PROVIDER_ID, oidcSettings } from "@/lib/auth/oidc/settings";
import { isEmailDisabled, recordSignInRefused } from "@/lib/auth/sign-in-events";
import { deviceOfRequest, issueDeviceCookie } from "@/lib/auth/sign-in-request";
import { noteSignInFailure, noteSignInSuccess, signInWait, takeSignInAttempt } from "@/lib/auth/sign-in-limits";
import { encodeSessionJwt, jwtCallback, SESSION_ENDED, sessionCallback, signOutEvent } from "@/lib/auth/session-jwt";
import { env, secureCookies } from "@/lib/env";
import { logger } from "@/lib/logger";
import { PASSWORD_CHANGE_REQUIRED, SIGN_IN_BUSY, SIGN_IN_LIMITED } from "@/lib/auth/sign-in-errors";
import { issueFirstSignInLink } from "@/lib/users/password-links";
import { verifyCredentials } from "@/lib/users/users";
import { signInSchema } from "@/lib/validations/user";

export const authOptions: NextAuthOptions = {
  secret: authSecret,
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
  jwt: { encode: encodeSessionJwt },
  events: { signOut: signOutEvent },
  logger: {
    // A cookie whose session ended is an everyday event (sign-out elsewhere, a role change), not an error.
    error(code, metadata) {
      const message = metadata instanceof Error ? metadata.message : (metadata as { message?: string })?.message;
      if (code === "JWT_SESSION_ERROR" && message === SESSION_ENDED) logger.info("session ended; cookie cleared");
      else logger.error("next-auth error", { code, message });
    },
    warn: (code) => logger.warn("next-auth warning", { code }),
    debug: () => undefined,
  },
  pages: { signIn: "/signin" },
  useSecureCookies: secureCookies,
  cookies: {
    sessionToken: {
      name: sessionCookieName,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies },
    },
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse({ email: credentials?.email, password: credentials?.password });
        if (!parsed.success) return null;
        const ip = clientIpFromHeaders((name) => req.headers?.[name] as string | undefined);
        const email = parsed.data.email.toLowerCase();
        const attempt = { ip, email, device: deviceOfRequest(email) };
        const known = attempt.device !== null;
        // Counted before anything costs: a flood of emails from one address never reaches the hashing.
        if (!(await takeSignInAttempt(ip))) {
          logger.info("sign-in refused: address limit", { ip, hashes: hashesStarted() });
          await recordSignInRefused({ email, reason: "limited" });
          throw new Error(SIGN_IN_LIMITED);
        }
        const wait = await signInWait(attempt);
        if (wait > 0) {
          logger.info("sign-in refused: waiting", { ip, knownDevice: known, waitSeconds: wait });
          await recordSignInRefused({ email, reason: "limited" });
          // next-auth reports this error name to the page.
          throw new Error(SIGN_IN_LIMITED);
        }
        let user: Awaited<ReturnType<typeof verifyCredentials>>;
        try {
          user = await verifyCredentials(parsed.data);
        } catch (error) {
          if (!(error instanceof HashPoolFull)) throw error;
          logger.warn("sign-in refused: hashing busy", { ip, hashes: hashesStarted() });
          await recordSignInRefused({ email, reason: "busy" });
          throw new Error(SIGN_IN_BUSY);
        }
        if (user && !localSignInAllowed(user.role)) {
          // LOCAL_SIGN_IN keeps local accounts to break-glass Super users (or none): refused like a wrong password.
          logger.info("sign-in refused: local sign-in not allowed for this role", { userId: user.id, ip });
          await recordSignInRefused({ email, reason: "local-not-allowed", userId: user.id });
          return null;
        }
        await (user ? noteSignInSuccess(attempt) : noteSignInFailure(attempt));
        if (user) issueDeviceCookie(email);
        const fields = { userId: user?.id, ip, knownDevice: known, hashes: hashesStarted() };
        logger.info(user ? "sign-in succeeded" : "sign-in refused", fields);
        if (!user) {
          // verifyCredentials refuses a disabled user as a wrong password (the page tells nothing); the audit tells.
          const disabled = await isEmailDisabled({ email });
          await recordSignInRefused({ email, reason: disabled ? "disabled" : "wrong-credentials" });
          return null;
        }
        // No session before the user has chosen their own password (docs/decisions/024).
        if (user.mustChangePassword)
          throw new Error(`${PASSWORD_CHANGE_REQUIRED}:${await issueFirstSignInLink({ userId: user.id })}`);
        // The succeeded event is written with the session row (lib/auth/sessions.ts).
        return { id: String(user.id), email: user.email, role: user.role };
      },
    }),
    ...directoryProviders(),
    // Single sign-on, when configured (lib/auth/oidc/).
    ...(oidcSettings ? [oidcProvider(oidcSettings)] : []),
  ],
  callbacks: {
    // Every redirect next-auth makes (after sign-in and sign-out) stays on the app's own origin.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackUrl(url, baseUrl)}`;
    },
    signIn: (params) =>
      oidcSettings && params.account?.provider === OIDC_PROVIDER_ID ? admitOidcSignIn(oidcSettings, params) : true,
    jwt: jwtCallback,
    session: sessionCallback,
  },
};

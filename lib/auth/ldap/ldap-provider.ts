import "server-only";
import CredentialsProvider from "next-auth/providers/credentials";
import { ANONYMOUS_ACTOR, recordAudit } from "@/lib/audit/record-audit";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { authenticateWithDirectory, directoryConfigured } from "@/lib/auth/ldap/directory";
import { deviceOfRequest, issueDeviceCookie } from "@/lib/auth/sign-in-request";
import { noteSignInFailure, noteSignInSuccess, signInWait, takeSignInAttempt } from "@/lib/auth/sign-in-limits";
import { logger } from "@/lib/logger";
import { LDAP_SOURCE, signInDirectoryUser } from "@/lib/users/directory-users";
import { directorySignInSchema } from "@/lib/validations/user";
import { DIRECTORY_UNREACHABLE, SIGN_IN_LIMITED } from "@/lib/auth/sign-in-errors";
import { countSignInFailure } from "@/lib/metrics/ops-metrics";

// Directory sign-in as a next-auth credentials provider of its own ("ldap"), beside the local one. The same
// limits as the local form apply (per address, then per address + login and per login, or per device cookie),
// keyed by "ldap:<login as typed, lower-cased>". Every refusal reads alike to the person (next-auth's
// CredentialsSignin); its reason goes to the audit log as directory.refused. A directory that does not
// answer is told apart (DirectoryUnreachable), so that people know to use a local break-glass account.

/** The error names the sign-in page reads (as lib/auth/auth-options.ts names its own). */

export const LDAP_PROVIDER_ID = "ldap";

async function refused(reason: string, login: string, ip: string) {
  countSignInFailure(`directory-${reason}`);
  await recordAudit({ action: "directory.refused", actor: ANONYMOUS_ACTOR, ip, detail: { reason, login } });
  logger.info("directory sign-in refused", { reason, ip });
}

/** The provider, or none when LDAP_URL is unset. */
export function directoryProviders() {
  if (!directoryConfigured()) return [];
  return [
    CredentialsProvider({
      id: LDAP_PROVIDER_ID,
      name: "Directory",
      credentials: {
        login: { label: "User name or email", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const parsed = directorySignInSchema.safeParse({ login: credentials?.login, password: credentials?.password });
        if (!parsed.success) return null;
        const ip = clientIpFromHeaders((name) => req.headers?.[name] as string | undefined);
        const key = `ldap:${parsed.data.login.toLowerCase()}`;
        const attempt = { ip, email: key, device: deviceOfRequest(key) };
        if (!(await takeSignInAttempt(ip)) || (await signInWait(attempt)) > 0) {
          logger.info("directory sign-in refused: limit", { ip });
          throw new Error(SIGN_IN_LIMITED);
        }
        const verdict = await authenticateWithDirectory(parsed.data);
        if (verdict.kind === "unreachable") {
          // Not the person's failure: not counted against them.
          await refused("unreachable", parsed.data.login, ip);
          logger.warn("directory not reachable", { problem: verdict.problem });
          throw new Error(DIRECTORY_UNREACHABLE);
        }
        const outcome =
          verdict.kind === "accepted" ? await signInDirectoryUser({ person: verdict.person, ip }) : verdict;
        if (outcome.kind === "refused") {
          await noteSignInFailure(attempt);
          await refused(outcome.reason, parsed.data.login, ip);
          return null;
        }
        await noteSignInSuccess(attempt);
        issueDeviceCookie(key);
        logger.info("directory sign-in succeeded", { userId: outcome.user.id, ip });
        // `source` lets the session's start name the provider in its sign-in event.
        return { id: String(outcome.user.id), email: outcome.user.email, role: outcome.user.role, source: LDAP_SOURCE };
      },
    }),
  ];
}

import "server-only";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { Client } from "ldapts";
import { env } from "@/lib/env";

// One connection to the directory per sign-in or re-check, with one deadline over all of it (connection, TLS,
// binds, searches): LDAP_TIMEOUT_MS. A directory that refuses connections, or accepts them and never answers,
// is told apart from a refusal of the person within that time.

/** The directory did not answer in time, or could not be used (refused connection, TLS, service account). */
export class DirectoryUnreachable extends Error {
  constructor(readonly problem: string) {
    super(`directory not reachable: ${problem}`);
  }
}

let ca: string | undefined;

/** TLS checks the directory's certificate against LDAP_CA_FILE (else the system's CAs) and its host name. */
function tlsOptions(host: string): ConnectionOptions {
  if (env.LDAP_CA_FILE) ca ??= readFileSync(env.LDAP_CA_FILE, "utf8");
  return { ca: ca ? [ca] : undefined, host, servername: isIP(host) ? undefined : host, rejectUnauthorized: true };
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, "");
}

/**
 * Opens a connection (StartTLS when LDAP_START_TLS), binds as the service account (LDAP_BIND_DN; anonymous
 * without one), runs `work`, and closes. Rejects with DirectoryUnreachable when anything fails that is not
 * an answer of the directory about the person (work's own results and errors pass through), or past the deadline.
 */
export async function withDirectory<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const url = env.LDAP_URL;
  if (!url) throw new DirectoryUnreachable("LDAP_URL is not set");
  const host = hostOf(url);
  const client = new Client({
    url,
    timeout: env.LDAP_TIMEOUT_MS,
    connectTimeout: env.LDAP_TIMEOUT_MS,
    // Only for ldaps://: given with ldap://, ldapts's StartTLS upgrade fails (the socket closes mid-handshake).
    tlsOptions: /^ldaps:/i.test(url) ? tlsOptions(host) : undefined,
    strictDN: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DirectoryUnreachable(`no answer within ${env.LDAP_TIMEOUT_MS} ms`)),
      env.LDAP_TIMEOUT_MS,
    );
  });
  const session = (async () => {
    try {
      if (env.LDAP_START_TLS) await client.startTLS(tlsOptions(host));
      if (env.LDAP_BIND_DN) await client.bind(env.LDAP_BIND_DN, env.LDAP_BIND_PASSWORD ?? "");
    } catch (error) {
      throw new DirectoryUnreachable(`connecting or the service account's bind failed: ${(error as Error).message}`);
    }
    return work(client);
  })();
  // The loser of the race must not surface as an unhandled rejection.
  session.catch(() => undefined);
  try {
    return await Promise.race([session, deadline]);
  } finally {
    clearTimeout(timer);
    // Not awaited: a directory that stopped answering must not hold the request.
    client.unbind().catch(() => undefined);
  }
}

/** Binds again as the service account after a person's bind (for searches the person may not make). */
export async function rebindService(client: Client): Promise<void> {
  if (env.LDAP_BIND_DN) await client.bind(env.LDAP_BIND_DN, env.LDAP_BIND_PASSWORD ?? "");
}

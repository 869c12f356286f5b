import "server-only";
import { InvalidCredentialsError, type Client, type Entry } from "ldapts";
import { roleForGroups, type GroupRoles } from "@/lib/auth/ldap/group-roles";
import {
  BINARY_ATTRIBUTES,
  externalIdOf,
  findEntryById,
  firstValue,
  groupsOf,
  isDisabledEntry,
  PERSON_ATTRIBUTES,
} from "@/lib/auth/ldap/directory-entry";
import { fillFilter } from "@/lib/auth/ldap/ldap-filter";
import { DirectoryUnreachable, rebindService, withDirectory } from "@/lib/auth/ldap/ldap-connection";
import type { Role } from "@/lib/auth/roles";
import { env } from "@/lib/env";

// Directory sign-in: service bind → search the person by LDAP_USER_FILTER → bind as their DN with the
// password → their groups → the role of the highest mapped group. Every refusal names its reason for the
// audit log; the person is told only "refused" (or, apart, that the directory is not reachable).

export type DirectoryPerson = { dn: string; externalId: string; email: string; name: string; role: Role };

export type RefusalReason =
  "empty-password" | "unknown-user" | "ambiguous-user" | "wrong-password" | "disabled" | "no-mapped-group" | "no-email";

export type DirectoryVerdict =
  | { kind: "accepted"; person: DirectoryPerson }
  | { kind: "refused"; reason: RefusalReason }
  | { kind: "unreachable"; problem: string };

export const directoryConfigured = (): boolean => Boolean(env.LDAP_URL);

const mapping = (): GroupRoles => env.LDAP_GROUP_ROLES!;

/** Runs the work on a connection; any failure that is not a verdict about the person is "unreachable". */
async function judge(work: (client: Client) => Promise<DirectoryVerdict>): Promise<DirectoryVerdict> {
  try {
    return await withDirectory(work);
  } catch (error) {
    const problem = error instanceof DirectoryUnreachable ? error.problem : (error as Error).message;
    return { kind: "unreachable", problem };
  }
}

/** The person's standing as the directory has it now: disabled, their groups' role, their email and name. */
async function standing(client: Client, entry: Entry): Promise<DirectoryVerdict> {
  if (isDisabledEntry(entry)) return { kind: "refused", reason: "disabled" };
  const role = roleForGroups(await groupsOf(client, entry), mapping());
  if (!role) return { kind: "refused", reason: "no-mapped-group" };
  const email = (firstValue(entry, "mail") ?? firstValue(entry, "userPrincipalName"))?.trim().toLowerCase();
  if (!email) return { kind: "refused", reason: "no-email" };
  const name = firstValue(entry, "displayName") ?? firstValue(entry, "cn") ?? "";
  return { kind: "accepted", person: { dn: entry.dn, externalId: externalIdOf(entry), email, name, role } };
}

/** Checks a login (sAMAccountName-like or mail, per LDAP_USER_FILTER) and password against the directory. */
export async function authenticateWithDirectory(options: {
  login: string;
  password: string;
}): Promise<DirectoryVerdict> {
  // An empty password would be an "unauthenticated bind", which many servers accept as success (RFC 4513 5.1.2).
  if (options.password.length === 0) return { kind: "refused", reason: "empty-password" };
  return judge(async (client) => {
    const { searchEntries } = await client.search(env.LDAP_USER_BASE_DN!, {
      scope: "sub",
      filter: fillFilter(env.LDAP_USER_FILTER, { login: options.login }),
      sizeLimit: 2,
      attributes: PERSON_ATTRIBUTES,
      explicitBufferAttributes: BINARY_ATTRIBUTES,
    });
    if (searchEntries.length === 0) return { kind: "refused", reason: "unknown-user" };
    if (searchEntries.length > 1) return { kind: "refused", reason: "ambiguous-user" };
    const entry = searchEntries[0]!;
    if (isDisabledEntry(entry)) return { kind: "refused", reason: "disabled" };
    try {
      await client.bind(entry.dn, options.password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return { kind: "refused", reason: "wrong-password" };
      throw error;
    }
    await rebindService(client);
    return standing(client, entry);
  });
}

/** The re-check of a signed-in directory user, by the id stored at their first sign-in. */
export async function recheckWithDirectory(options: { externalId: string }): Promise<DirectoryVerdict> {
  return judge(async (client) => {
    const entry = await findEntryById(client, options.externalId);
    if (!entry) return { kind: "refused", reason: "unknown-user" };
    return standing(client, entry);
  });
}

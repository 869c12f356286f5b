import type { Role } from "@/lib/auth/roles";
import { ROLE_USERS } from "@/test/support/accounts";
import { startDataHelper, type DataClient, type NewUser } from "@/test/support/data-client";

// What the suites set up before they test: people, tokens and processes, written through the data layer as
// `npm run cli` and `npm run db:seed` write them (the CLI's own suite, scripts/cli.contract.test.ts, and the cases
// about a CLI command run the CLI). One data helper per database serves a fixture's commands in a row and ends
// once it has been idle for IDLE_MS, so that nothing holds a database that a test then restores, freezes or drops.

const IDLE_MS = 500;
type Helper = { client: DataClient; busy: number; idle?: NodeJS.Timeout };
const helpers = new Map<string, Helper>();
// Databases whose helper stays until the database is dropped: nothing restores, copies or freezes them, and their
// tests create people one at a time, seconds apart (a helper start is about 0.6 CPU s).
const held = new Set<string>();

async function withHelper<T>(databaseUrl: string, use: (client: DataClient) => Promise<T>): Promise<T> {
  const helper = helpers.get(databaseUrl) ?? { client: startDataHelper(databaseUrl), busy: 0 };
  helpers.set(databaseUrl, helper);
  clearTimeout(helper.idle);
  helper.busy++;
  try {
    return await use(helper.client);
  } finally {
    if (--helper.busy === 0 && !held.has(databaseUrl))
      helper.idle = setTimeout(() => void closeHelper(databaseUrl), IDLE_MS);
  }
}

/**
 * Keeps the database's helper from its first command until the database is dropped, instead of ending it when
 * idle. Only for a database that no test restores, copies (`CREATE DATABASE … TEMPLATE`) or replaces meanwhile.
 */
export function holdHelper(databaseUrl: string): void {
  held.add(databaseUrl);
}

/** Ends the helper of a database, if one runs (before the database is dropped). */
export async function closeHelper(databaseUrl: string): Promise<void> {
  held.delete(databaseUrl);
  const helper = helpers.get(databaseUrl);
  if (!helper) return;
  helpers.delete(databaseUrl);
  clearTimeout(helper.idle);
  await helper.client.close();
}

/** Creates an API token, as `npm run cli -- tokens:create` does; returns its secret. */
export async function createTestToken(
  databaseUrl: string,
  role: Role,
  options: { name?: string; expiresIn?: number } = {},
): Promise<string> {
  const token = { name: options.name ?? `${role} test token`, role, expiresInSeconds: options.expiresIn };
  return withHelper(databaseUrl, (client) => client.createToken(token));
}

/** Replaces every process with `count` numbered ones, as `npm run db:seed -- --count N --replace` does. */
export async function seedProcesses(databaseUrl: string, count: number): Promise<void> {
  await withHelper(databaseUrl, (client) => client.seed(count));
}

/** Creates these people, in this order, as an administrator does with `npm run cli -- users:create`. */
export async function createTestUsers(databaseUrl: string, users: NewUser[]): Promise<void> {
  await withHelper(databaseUrl, (client) => client.createUsers(users));
}

/** One account per role (ROLE_USERS), as an administrator creates them with `npm run cli -- users:create`. */
export async function createRoleUsers(databaseUrl: string): Promise<void> {
  const users = Object.entries(ROLE_USERS).map(([role, account]) => ({ ...account, role: role as Role }));
  await createTestUsers(databaseUrl, users);
}

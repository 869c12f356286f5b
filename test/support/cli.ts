import type { Role } from "@/lib/auth/roles";
import { ROLE_USERS } from "@/test/support/accounts";
import { runScript } from "@/test/support/run-script";

/** Creates an API token through the CLI, as an operator would; returns the secret it printed last. */
export async function createTokenWithCli(
  databaseUrl: string,
  role: Role,
  options: { name?: string; expiresIn?: number } = {},
): Promise<string> {
  const args = ["tokens:create", "--name", options.name ?? `${role} test token`, "--role", role];
  if (options.expiresIn !== undefined) args.push("--expires-in", String(options.expiresIn));
  const result = await runScript("scripts/cli.ts", args, { DATABASE_URL: databaseUrl });
  if (result.code !== 0) throw new Error(`tokens:create failed: ${result.stderr}`);
  return result.stdout.trim().split("\n").at(-1)!;
}

export async function seedProcessesWithCli(databaseUrl: string, count: number): Promise<void> {
  const result = await runScript("scripts/db-seed.ts", ["--count", String(count), "--replace"], {
    DATABASE_URL: databaseUrl,
  });
  if (result.code !== 0) throw new Error(`db:seed failed: ${result.stderr}`);
}

/** One account per role, created through the CLI as an administrator would. */
export async function createRoleUsersWithCli(databaseUrl: string): Promise<void> {
  for (const [role, { email, password }] of Object.entries(ROLE_USERS)) {
    const r = await runScript(
      "scripts/cli.ts",
      ["users:create", "--email", email, "--password", password, "--role", role],
      {
        DATABASE_URL: databaseUrl,
      },
    );
    if (r.code !== 0) throw new Error(`users:create ${role} failed: ${r.stderr}`);
  }
}

import type { Role } from "@/lib/auth/roles";
import { runScript } from "@/lib/testing/test-server";

export const TEST_ADMIN = { email: "admin@example.com", password: "correct horse battery staple" };

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
  const result = await runScript("scripts/db-seed.ts", ["--count", String(count)], { DATABASE_URL: databaseUrl });
  if (result.code !== 0) throw new Error(`db:seed failed: ${result.stderr}`);
}

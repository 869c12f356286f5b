import type { Role } from "@/lib/auth/roles";
import { runScript } from "@/lib/testing/test-server";

export const ROLE_USERS: Record<Role, { email: string; password: string }> = {
  User: { email: "user@example.com", password: "user-password-123" },
  "Advanced user": { email: "advanced@example.com", password: "advanced-password-123" },
  "Super user": { email: "super@example.com", password: "super-password-1234" },
};

/** One account per role, created through the CLI as an administrator would. */
export async function createRoleUsersWithCli(databaseUrl: string): Promise<void> {
  for (const [role, { email, password }] of Object.entries(ROLE_USERS)) {
    const r = await runScript("scripts/cli.ts", ["users:create", "--email", email, "--password", password, "--role", role], {
      DATABASE_URL: databaseUrl,
    });
    if (r.code !== 0) throw new Error(`users:create ${role} failed: ${r.stderr}`);
  }
}

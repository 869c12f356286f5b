// npm run cli -- <command>: users and API tokens, against the same DATABASE_URL as the server (also while it runs).
import { parseArgs } from "node:util";
import { db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { createToken, listTokens, revokeToken } from "@/lib/tokens/tokens";
import { bootstrapAdmin } from "@/lib/users/bootstrap-admin";
import { createUser } from "@/lib/users/users";
import { tokenCreateSchema, tokenIdParamSchema } from "@/lib/validations/token";
import { userCreateSchema } from "@/lib/validations/user";

const USAGE = `Usage: npm run cli -- <command>
  users:create --email <e> --password <p> --role "<User|Advanced user|Super user>"
  users:bootstrap                         first Super user (ADMIN_EMAIL/ADMIN_PASSWORD or a generated password)
  tokens:create --name <n> --role "<role>" [--expires-in <seconds>]   prints the token alone on the last line
  tokens:list
  tokens:revoke <id>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string" },
    password: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    "expires-in": { type: "string" },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): T {
  if (result.success) return result.data;
  fail(result.error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("\n"));
}

const commands: Record<string, () => Promise<void>> = {
  async "users:create"() {
    const input = parsed(userCreateSchema.safeParse({ email: values.email, password: values.password, role: values.role }));
    const user = await createUser(input);
    console.log(`Created user ${user.id}: ${user.email} (${user.role})`);
  },
  async "users:bootstrap"() {
    const result = await bootstrapAdmin({ allowGenerated: true });
    if (!result.created) console.log("A user exists already; nothing to do");
    else if (result.generatedPassword) console.log(`First Super user: ${result.email}\nPassword (shown once): ${result.generatedPassword}`);
    else console.log(`First Super user: ${result.email} (password from ADMIN_PASSWORD)`);
  },
  async "tokens:create"() {
    const expires = values["expires-in"];
    const input = parsed(
      tokenCreateSchema.safeParse({ name: values.name, role: values.role, expiresInSeconds: expires === undefined ? undefined : Number(expires) }),
    );
    const { token, secret } = await createToken(input);
    console.log(`Created token ${token.id} "${token.name}" (${token.role}), expires ${token.expiresAt}. It is shown once:`);
    console.log(secret);
  },
  async "tokens:list"() {
    const tokens = await listTokens();
    if (tokens.length === 0) return console.log("No tokens");
    console.table(tokens.map((t) => ({ ...t, status: t.revokedAt ? "revoked" : Date.parse(t.expiresAt) <= Date.now() ? "expired" : "active" })));
  },
  async "tokens:revoke"() {
    const id = parsed(tokenIdParamSchema.safeParse(positionals[1] ?? ""));
    const token = await revokeToken({ id });
    console.log(`Revoked token ${token.id} "${token.name}"`);
  },
};

const command = commands[positionals[0] ?? ""];
if (!command) fail(positionals[0] ? `Unknown command: ${positionals[0]}` : "No command given");
try {
  await migrateDatabase({ url: env.DATABASE_URL });
  await command();
} catch (error) {
  console.error(`Failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}

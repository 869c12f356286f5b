// npm run cli -- <command>: users and API tokens, against the same DATABASE_URL as the server (also while it runs).
import "./cli/exit-promptly";
import { parseArgs } from "node:util";
import { closeDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { SYSTEM_ACTOR } from "@/lib/processes/actor";
import { renewDatabaseEpoch } from "@/lib/processes/database-epoch";
import { pruneHistory } from "@/lib/processes/prune-history";
import { updateProcessFromScript } from "@/lib/processes/update-from-script";
import { createToken, listTokens, revokeToken } from "@/lib/tokens/tokens";
import { bootstrapAdmin } from "@/lib/users/bootstrap-admin";
import { createUser, deleteUserByEmail, setUserPassword, setUserRole, signOutUser } from "@/lib/users/users";
import { idParamSchema } from "@/lib/validations/id";
import { retentionDaysSchema } from "@/lib/validations/process-history";
import { processCommentSchema, processNameSchema } from "@/lib/validations/process";
import { tokenCreateSchema } from "@/lib/validations/token";
import { userCreateSchema, userEmailSchema, userSetPasswordSchema, userSetRoleSchema } from "@/lib/validations/user";
import { formatTable } from "./cli/table";

type Values = Record<string, string | boolean | undefined>;
type Command = {
  usage: string;
  summary: string;
  run: (values: Values, positionals: string[]) => Promise<void>;
  /** false: runs without migrating the database first (a backup copies it as it is; a restore replaces it). */
  migrate?: false;
};

const ROLE_HINT = '"<User|Advanced user|Super user>"';

function fail(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

function parsed<T>(
  result:
    { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
  usage: string,
): T {
  if (result.success) return result.data;
  fail(result.error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("\n"), usage);
}

const commands: Record<string, Command> = {
  "users:create": {
    usage: `users:create --email <email> --password <12+ characters> --role ${ROLE_HINT}`,
    summary: "creates a user who signs in on the settings page",
    async run(v) {
      const input = parsed(
        userCreateSchema.safeParse({ email: str(v.email), password: str(v.password), role: str(v.role) }),
        this.usage,
      );
      const user = await createUser(input);
      console.log(`Created user ${user.id}: ${user.email} (${user.role})`);
    },
  },
  "users:set-password": {
    usage: "users:set-password --email <email> --password <12+ characters>",
    summary: "sets a user's password and signs them out everywhere",
    async run(v) {
      const input = parsed(
        userSetPasswordSchema.safeParse({ email: str(v.email), password: str(v.password) }),
        this.usage,
      );
      const user = await setUserPassword(input);
      console.log(`Set the password of user ${user.id}: ${user.email}; their sessions have ended`);
    },
  },
  "users:set-role": {
    usage: `users:set-role --email <email> --role ${ROLE_HINT}`,
    summary: "changes a user's role (their open sessions have it within 5 s)",
    async run(v) {
      const input = parsed(userSetRoleSchema.safeParse({ email: str(v.email), role: str(v.role) }), this.usage);
      const user = await setUserRole(input);
      console.log(
        `User ${user.id}: ${user.email} is now ${user.role}; their open sessions have the new role within 5 s`,
      );
    },
  },
  "users:sign-out": {
    usage: "users:sign-out <email>",
    summary: "ends every session of a user (within 2 s on every running instance)",
    async run(v, positionals) {
      const input = parsed(userEmailSchema.safeParse({ email: positionals[1] ?? str(v.email) }), this.usage);
      const { user, ended } = await signOutUser(input);
      console.log(`Ended ${ended} session(s) of user ${user.id}: ${user.email}`);
    },
  },
  "users:delete": {
    usage: "users:delete <email>",
    summary: "deletes a user and ends their sessions (API tokens they created stay)",
    async run(v, positionals) {
      const input = parsed(userEmailSchema.safeParse({ email: positionals[1] ?? str(v.email) }), this.usage);
      const user = await deleteUserByEmail(input);
      console.log(`Deleted user ${user.id}: ${user.email}; their sessions have ended`);
    },
  },
  "users:bootstrap": {
    usage: "users:bootstrap",
    summary: "creates the first Super user (ADMIN_EMAIL/ADMIN_PASSWORD, or a generated password shown once)",
    async run() {
      const result = await bootstrapAdmin({ allowGenerated: true });
      if (!result.created) console.log("A user exists already; nothing to do");
      else if (result.generatedPassword)
        console.log(`First Super user: ${result.email}\nPassword (shown once): ${result.generatedPassword}`);
      else console.log(`First Super user: ${result.email} (password from ADMIN_PASSWORD)`);
    },
  },
  "tokens:create": {
    usage: `tokens:create --name <name> --role ${ROLE_HINT} [--expires-in <seconds>] [--machine-writer]`,
    summary: "creates an API token; prints the secret alone on the last line, this once",
    async run(v) {
      const expires = str(v["expires-in"]);
      const input = parsed(
        tokenCreateSchema.safeParse({
          name: str(v.name),
          role: str(v.role),
          expiresInSeconds: expires === undefined ? undefined : Number(expires),
          // Change control: may write protected processes under electronic signatures (docs/decisions/032).
          machineWriter: v["machine-writer"] === true,
        }),
        this.usage,
      );
      // The audit records the CLI's actions as `system` (whoever ran it had a shell on the server).
      const { token, secret } = await createToken({ ...input, audit: { actor: SYSTEM_ACTOR } });
      console.log(
        `Created token ${token.id} "${token.name}" (${token.role}), expires ${token.expiresAt}. It is shown once:`,
      );
      console.log(secret);
    },
  },
  "tokens:list": {
    usage: "tokens:list",
    summary: "lists API tokens (never their secrets)",
    async run() {
      const tokens = await listTokens();
      if (tokens.length === 0) return console.log("No tokens");
      const now = Date.now();
      const status = (t: (typeof tokens)[number]) =>
        t.revokedAt ? "revoked" : Date.parse(t.expiresAt) <= now ? "expired" : "active";
      console.log(
        formatTable(
          tokens.map((t) => ({
            id: t.id,
            name: t.name,
            role: t.role,
            status: status(t),
            created: t.createdAt,
            expires: t.expiresAt,
            "last used": t.lastUsedAt,
          })),
        ),
      );
    },
  },
  "tokens:revoke": {
    usage: "tokens:revoke <id>",
    summary: "revokes an API token at once",
    async run(_, positionals) {
      const id = parsed(idParamSchema.safeParse(positionals[1] ?? ""), this.usage);
      const token = await revokeToken({ id, audit: { actor: SYSTEM_ACTOR } });
      console.log(`Revoked token ${token.id} "${token.name}"`);
    },
  },
  "processes:update": {
    usage: "processes:update <id> [--name <name>] [--comment <comment>]",
    summary: "changes one process (recorded in its history as system; shown live on open pages)",
    async run(v, positionals) {
      const id = parsed(idParamSchema.safeParse(positionals[1] ?? ""), this.usage);
      const name = v.name === undefined ? undefined : parsed(processNameSchema.safeParse(v.name), this.usage);
      const comment =
        v.comment === undefined ? undefined : parsed(processCommentSchema.safeParse(v.comment), this.usage);
      const { process, changed } = await updateProcessFromScript({ id, name, comment });
      console.log(
        changed
          ? `Updated process ${process.id} to version ${process.version}: ${process.name}`
          : `Process ${process.id} already held these values; nothing changed (version ${process.version}): ${process.name}`,
      );
    },
  },
  "db:new-epoch": {
    usage: "db:new-epoch",
    summary: "after restoring a backup: a new epoch, so that open pages and integrations refetch (event ids)",
    async run() {
      const epoch = await renewDatabaseEpoch();
      console.log(`The database's epoch is now ${epoch}: event streams with an older id answer reset`);
    },
  },
  "db:backup": {
    usage: "db:backup <file>",
    summary:
      "writes a consistent copy of the database (also while the server runs), with its schema version and checksum",
    migrate: false,
    async run(_, positionals) {
      const file = positionals[1] ?? fail("Give the file to write", this.usage);
      // Loaded here: only these two commands need the backup modules.
      await (await import("./cli/db-commands")).backupCommand(file);
    },
  },
  "db:restore": {
    usage: "db:restore <file> [--yes]",
    summary: "checks a backup, says what it replaces, and with --yes replaces the database with it (new epoch)",
    migrate: false,
    async run(v, positionals) {
      const file = positionals[1] ?? fail("Give the backup file to restore", this.usage);
      process.exitCode = await (await import("./cli/db-commands")).restoreCommand(file, v.yes === true);
    },
  },
  "history:prune": {
    usage: "history:prune [--older-than <days>]",
    summary: "removes changes older than <days> (default HISTORY_RETENTION_DAYS), keeping each process's newest change",
    async run(v) {
      const given =
        str(v["older-than"]) ?? (env.HISTORY_RETENTION_DAYS ? String(env.HISTORY_RETENTION_DAYS) : undefined);
      if (given === undefined)
        fail(
          "Nothing to do: give --older-than <days>, or set HISTORY_RETENTION_DAYS (unset keeps everything)",
          this.usage,
        );
      const days = parsed(retentionDaysSchema.safeParse(given), this.usage);
      const { olderThan, deleted, throughId } = await pruneHistory({ olderThanDays: days });
      console.log(
        `Removed ${deleted} change(s) older than ${olderThan.toISOString()} (${days} days)` +
          (deleted > 0 ? `, up to change id ${throughId}` : "") +
          "; each process's newest change is kept",
      );
    },
  },
  "audit:verify": {
    usage: "audit:verify",
    summary:
      "checks the tamper-evident trail (history and security log) whole; names the first broken link, exit 1 if any",
    async run() {
      // Loaded only for this command: the other commands do not pay for the trail's modules.
      const { verifyTrail } = await import("@/lib/trail/verify-trail");
      const { describeTrailReport } = await import("@/lib/trail/trail-report-text");
      const report = await verifyTrail();
      const text = describeTrailReport(report);
      if (report.ok) console.log(text);
      else {
        console.error(text);
        process.exitCode = 1;
      }
    },
  },
};

const USAGE = [
  "Usage: npm run cli -- <command> [options]     (npm run cli -- <command> --help for one command)",
  "",
  ...Object.values(commands).map((c) => `  ${c.usage}\n      ${c.summary}`),
].join("\n");

let values: Values;
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      "expires-in": { type: "string" },
      "machine-writer": { type: "boolean" },
      "older-than": { type: "string" },
      comment: { type: "string" },
      yes: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  fail((error as Error).message, USAGE);
}

const name = positionals[0];
const command = name === undefined ? undefined : commands[name];
if (!command) {
  if (values.help || name === "help" || name === undefined) {
    console.log(USAGE);
    process.exit(values.help || name === "help" ? 0 : 2);
  }
  fail(`Unknown command: ${name}`, USAGE);
}
if (values.help) {
  console.log(`Usage: npm run cli -- ${command.usage}\n  ${command.summary}`);
  process.exit(0);
}
try {
  if (command.migrate !== false) await migrateDatabase({ url: env.DATABASE_URL });
  await command.run(values, positionals);
  // What the command wrote (history, security events) joins the trail before the process exits; backup and
  // restore write no history and must not touch the database they copy or replace.
  if (command.migrate !== false) await (await import("@/lib/trail/seal-trail")).flushSealing();
} catch (error) {
  console.error(`Failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}

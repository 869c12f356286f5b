// A long-lived helper for the suites' fixtures: creates people and tokens and changes processes through the data
// layer, as `npm run cli` and `npm run db:seed` do, or as another operator would while a page is open. One JSON
// command per stdin line, one JSON answer per stdout line: a fixture that needs several pays one process start
// instead of one per CLI command (about 0.65 CPU s each: docs/decisions/023). The CLI's own suite runs the CLI.
// Compiled by the global setups (test/support/compile-data-helper.ts); test/support/data-client.ts drives it.
import { createInterface } from "node:readline";
import { closeDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { SYSTEM_ACTOR } from "@/lib/processes/actor";
import { changeProcesses } from "@/lib/processes/change-processes";
import { replaceProcesses } from "@/lib/processes/create-processes";
import { DEMO_PROCESSES, numberedProcesses } from "@/lib/processes/seed-demo-processes";
import { createToken } from "@/lib/tokens/tokens";
import { flushSealing } from "@/lib/trail/seal-trail";
import { createUser } from "@/lib/users/users";
import { tokenCreateSchema } from "@/lib/validations/token";
import { userCreateSchema } from "@/lib/validations/user";

type Command =
  | { op: "users"; users: unknown[] }
  | { op: "token"; token: unknown }
  | { op: "seed"; count: number; demo?: boolean }
  | { op: "delete"; id: number };

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case "users": {
      // As `users:create`, one after another: the same schema, then the data layer.
      for (const user of command.users) await createUser(userCreateSchema.parse(user));
      return { created: command.users.length };
    }
    case "token": {
      // As `tokens:create`: the audit records it as `system`; the secret is shown this once.
      const input = tokenCreateSchema.parse(command.token);
      return { secret: (await createToken({ ...input, audit: { actor: SYSTEM_ACTOR } })).secret };
    }
    case "delete":
      await changeProcesses((tx) => tx.process.delete({ where: { id: command.id } }));
      return { deleted: command.id };
    case "seed": {
      // The demo processes first (the seed's own names, as a new plant sees them), then numbered ones; as
      // `db:seed --count N --replace` without `demo`.
      const demo = command.demo ? DEMO_PROCESSES.slice(0, command.count) : [];
      await replaceProcesses({
        processes: [...demo, ...numberedProcesses(command.count - demo.length, demo.length + 1)],
      });
      return { seeded: command.count };
    }
  }
}

// As the CLI: the database is migrated before the first command, and what a command wrote (history, security
// events) joins the trail before its answer.
let migrated = false;
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  try {
    if (!migrated) await migrateDatabase({ url: env.DATABASE_URL });
    migrated = true;
    const result = await run(JSON.parse(line) as Command);
    await flushSealing();
    process.stdout.write(JSON.stringify({ ok: true, result }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error) }) + "\n");
  }
}
await closeDb();

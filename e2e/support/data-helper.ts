// A long-lived helper for the e2e fixtures: creates the worker's people and changes processes through the data
// layer, as another operator or a script would while the page is open. One JSON command per stdin line, one
// JSON answer per stdout line; started once per worker so each test's setup costs milliseconds instead of a CLI
// start. Playwright's global setup compiles it (e2e/support/compile-data-helper.ts).
import { createInterface } from "node:readline";
import type { Role } from "@/lib/auth/roles";
import { closeDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { changeProcesses } from "@/lib/processes/change-processes";
import { replaceProcesses } from "@/lib/processes/create-processes";
import { DEMO_PROCESSES, numberedProcesses } from "@/lib/processes/seed-demo-processes";
import { flushSealing } from "@/lib/trail/seal-trail";
import { createUser } from "@/lib/users/users";

type Command =
  | { op: "users"; users: { email: string; password: string; role: Role }[] }
  | { op: "seed"; count: number; demo?: boolean }
  | { op: "delete"; id: number };

async function run(command: Command): Promise<unknown> {
  if (command.op === "users") {
    // What `npm run cli -- users:create` does for each: migrate first, and seal what the writes logged.
    await migrateDatabase({ url: env.DATABASE_URL });
    for (const user of command.users) await createUser(user);
    await flushSealing();
    return { created: command.users.length };
  }
  if (command.op === "delete") {
    await changeProcesses((tx) => tx.process.delete({ where: { id: command.id } }));
    return { deleted: command.id };
  }
  // The demo processes first (the seed's own names, as a new plant sees them), then numbered ones.
  const demo = command.demo ? DEMO_PROCESSES.slice(0, command.count) : [];
  await replaceProcesses({ processes: [...demo, ...numberedProcesses(command.count - demo.length, demo.length + 1)] });
  return { seeded: command.count };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  try {
    process.stdout.write(JSON.stringify({ ok: true, result: await run(JSON.parse(line) as Command) }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error) }) + "\n");
  }
}
await closeDb();

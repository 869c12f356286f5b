// npm run db:seed [-- --count N [--replace [--yes]]]: demo processes into an empty database, or N numbered ones.
import "./cli/exit-promptly";
import { parseArgs } from "node:util";
import { closeDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { countProcesses, createProcesses, replaceProcesses } from "@/lib/processes/create-processes";
import { numberedProcesses, seedDemoProcesses } from "@/lib/processes/seed-demo-processes";

const USAGE = `Usage: npm run db:seed [-- options]
  (no options)          adds the eight demo processes when there are none
  --count <N>           adds N numbered processes ("Process k") after the existing ones
  --count <N> --replace replaces EVERY process with N numbered ones (asks for --yes in production)
  --yes                 confirms --replace when NODE_ENV=production
  --help                this text`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let values: { count?: string; replace?: boolean; yes?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      count: { type: "string" },
      replace: { type: "boolean" },
      yes: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const count = values.count === undefined ? undefined : Number(values.count);
if (count !== undefined && (!/^\d+$/.test(values.count ?? "") || !Number.isSafeInteger(count))) {
  fail(`--count must be a whole number, not ${values.count}`);
}
if (values.replace && count === undefined) fail("--replace needs --count");
if (values.replace && env.NODE_ENV === "production" && !values.yes) {
  fail("--replace deletes every process; in production it also needs --yes");
}

try {
  await migrateDatabase({ url: env.DATABASE_URL });
  if (count === undefined) {
    const added = await seedDemoProcesses();
    console.log(added > 0 ? `Created ${added} demo processes` : "Processes exist already; nothing seeded");
  } else if (values.replace) {
    const { deleted, created } = await replaceProcesses({ processes: numberedProcesses(count) });
    console.log(`Replaced ${deleted} processes with ${created} numbered ones`);
  } else {
    const existing = await countProcesses();
    const created = await createProcesses({ processes: numberedProcesses(count, existing + 1) });
    console.log(`Added ${created} numbered processes (now ${existing + created})`);
  }
} catch (error) {
  console.error(`Failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}

// npm run db:seed [-- --count N]: demo processes into an empty database, or N numbered ones replacing all.
import { parseArgs } from "node:util";
import { db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { createProcesses, deleteAllProcesses } from "@/lib/processes/create-processes";
import { seedDemoProcesses } from "@/lib/processes/seed-demo-processes";

const { values } = parseArgs({ options: { count: { type: "string" } } });

await migrateDatabase({ url: env.DATABASE_URL });
if (values.count === undefined) {
  const added = await seedDemoProcesses();
  console.log(added > 0 ? `Created ${added} demo processes` : "Processes exist already; nothing seeded");
} else {
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 0) throw new Error(`--count must be a whole number, not ${values.count}`);
  await deleteAllProcesses();
  const processes = Array.from({ length: count }, (_, i) => ({
    name: `Process ${i + 1}`,
    comment: `comment text for Process ${i + 1}`,
  }));
  // Batches keep each statement under the drivers' parameter limits.
  for (let i = 0; i < processes.length; i += 2_000) {
    await createProcesses({ processes: processes.slice(i, i + 2_000) });
  }
  console.log(`Replaced all processes with ${count} numbered ones`);
}
await db.$disconnect();

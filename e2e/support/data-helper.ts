// A long-lived helper for the e2e fixtures: changes processes through the data layer, as another operator or
// a script would while the page is open. One JSON command per stdin line, one JSON answer per stdout line;
// started once per worker so each test's setup costs milliseconds instead of a CLI start.
import { createInterface } from "node:readline";
import { db } from "@/lib/db/client";
import { createProcesses, deleteAllProcesses } from "@/lib/processes/create-processes";
import { changeProcesses } from "@/lib/processes/revision";

type Command = { op: "seed"; count: number } | { op: "delete"; id: number };

async function run(command: Command): Promise<unknown> {
  if (command.op === "delete") {
    await changeProcesses((tx) => tx.process.delete({ where: { id: command.id } }));
    return { deleted: command.id };
  }
  await deleteAllProcesses();
  const processes = Array.from({ length: command.count }, (_, i) => ({
    name: `Process ${i + 1}`,
    comment: `comment text for Process ${i + 1}`,
  }));
  for (let i = 0; i < processes.length; i += 2_000) await createProcesses({ processes: processes.slice(i, i + 2_000) });
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
await db.$disconnect();

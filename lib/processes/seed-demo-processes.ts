import "server-only";
import { countProcesses, createProcesses } from "@/lib/processes/create-processes";
import { DEMO_PROCESSES } from "@/lib/processes/demo-processes";

export { DEMO_PROCESSES };

/** Adds the demo processes when there are none; returns how many it added. */
export async function seedDemoProcesses(): Promise<number> {
  if ((await countProcesses()) > 0) return 0;
  return createProcesses({ processes: DEMO_PROCESSES });
}

/** "Process 1" … as seeding, tests and benchmarks number them; `from` is the first number. */
export function numberedProcesses(count: number, from = 1): { name: string; comment: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Process ${from + i}`,
    comment: `comment text for Process ${from + i}`,
  }));
}

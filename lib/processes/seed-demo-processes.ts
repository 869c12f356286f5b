import "server-only";
import { countProcesses, createProcesses } from "@/lib/processes/create-processes";

export const DEMO_PROCESSES = [
  { name: "Raw material intake", comment: "Weighing and quality check of incoming granulate" },
  { name: "Extrusion line 1", comment: "Main profile extruder, 3 shifts" },
  { name: "Extrusion line 2", comment: "Backup extruder; runs when line 1 is in maintenance" },
  { name: "Cooling tank", comment: "Water bath 18–22 °C" },
  { name: "Cutting", comment: "Flying saw, lengths 1–6 m" },
  { name: "Quality inspection", comment: "Dimensional check every 30 min" },
  { name: "Packaging", comment: "Bundling and labelling" },
  { name: "Warehouse dispatch", comment: "" },
];

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

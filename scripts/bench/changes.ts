// Benchmarks of issues 9 and 13: how fast a change reaches open event streams, and what the PostgreSQL
// triggers (revision bump, NOTIFY, outside-writer check, inserts' and deletes' history) cost a PUT, as a same-run ratio.
import pg from "pg";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { openEvents, type SseStream } from "@/test/support/sse";
import { createTestDatabase } from "@/test/support/test-database";
import { measure, type LoadFigures } from "./load";
import { startBenchServer, type BenchServer } from "./server";

export type Fanout = { streams: number; changes: number; p50Ms: number; p95Ms: number };
/** `ratio`: the median of each round's enabled/disabled req/s (drift in the machine's load skews both halves of a round alike). */
export type TriggerCost = { on: LoadFigures[]; off: LoadFigures[]; ratio: number };

const ROUNDS = 5;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** From a PUT's send to each of `streams` open streams receiving its event, over `changes` PUTs one after another. */
export async function eventFanout(
  server: BenchServer,
  auth: Record<string, string>,
  id: number,
  streams = 100,
  changes = 20,
): Promise<Fanout> {
  const open: SseStream[] = [];
  try {
    for (let i = 0; i < streams; i++) open.push(await openEvents(`${server.baseUrl}/api/v1/processes/events`, auth));
    const delays: number[] = [];
    for (let c = 0; c < changes; c++) {
      const name = `Fanout ${c}`;
      const started = performance.now();
      const put = fetch(`${server.baseUrl}/api/v1/processes/${id}`, {
        method: "PUT",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ name, comment: "" }),
      });
      await Promise.all(
        open.map(async (s) => {
          await s.next((e) => e.data.name === name, 30_000);
          delays.push(performance.now() - started);
        }),
      );
      await put;
    }
    delays.sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    return { streams, changes, p50Ms: round(percentile(delays, 0.5)), p95Ms: round(percentile(delays, 0.95)) };
  } finally {
    for (const s of open) s.close();
  }
}

async function setTriggers(url: string, enabled: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const verb = enabled ? "ENABLE" : "DISABLE";
  const triggers = ["changed", "updated", "outside_update", "inserted", "deleted", "truncating"];
  await client.query(`ALTER TABLE processes ${triggers.map((t) => `${verb} TRIGGER processes_${t}`).join(", ")}`);
  await client.end();
}

/** PUT of one process on PostgreSQL with the triggers enabled and disabled, alternating, ROUNDS times. */
export async function triggerCost(seconds: { warmUp: number; duration: number }): Promise<TriggerCost> {
  const database = await createTestDatabase("postgresql");
  let server: BenchServer | undefined;
  try {
    await seedProcesses(database.url, 1_000);
    const token = await createTestToken(database.url, "Advanced user", { name: "bench" });
    server = await startBenchServer({
      DATABASE_URL: database.url,
      SEED_DEMO_DATA: "false",
      RATE_LIMIT_API_POINTS: "100000000",
    });
    const ids = (
      (await (
        await fetch(`${server.baseUrl}/api/v1/processes`, { headers: { Authorization: `Bearer ${token}` } })
      ).json()) as { processes: { id: number }[] }
    ).processes.map((p) => p.id);
    let n = 0;
    const target = {
      url: `${server.baseUrl}/api/v1/processes`,
      method: "PUT" as const,
      cpuMs: server.cpuMs,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      next: () => {
        const id = ids[n++ % ids.length];
        return {
          path: `/api/v1/processes/${id}`,
          body: JSON.stringify({ name: `Process ${id}`, comment: `edit ${n}` }),
        };
      },
    };
    await measure(target, { warmUp: 0, duration: seconds.warmUp });
    const on: LoadFigures[] = [];
    const off: LoadFigures[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await setTriggers(database.url, true);
      on.push(await measure(target, seconds));
      await setTriggers(database.url, false);
      off.push(await measure(target, seconds));
    }
    await setTriggers(database.url, true);
    const ratios = on.map((f, i) => f.rps / off[i]!.rps).sort((a, b) => a - b);
    return { on, off, ratio: Math.round(ratios[Math.floor(ratios.length / 2)]! * 1000) / 1000 };
  } finally {
    await server?.stop();
    await database.drop();
  }
}

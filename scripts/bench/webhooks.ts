// Webhooks (issue 26): what a subscription adds to each write, and how fast deliveries go. Part of `npm run bench`;
// alone (on the build in .next): `npx tsx --conditions=react-server scripts/bench/webhooks.ts [--duration <s>]
// [--rounds <n>] [--provider sqlite|postgresql]`.
// - Added cost per write: PUT /processes/{id} against the same server with no subscription and with one
//   subscription (one delivery per change) delivering to a local receiver, alternating; the server's CPU per
//   PUT includes the worker's work (queueing from the history and delivering), since it runs in the server.
// - Delivery rate: a bulk PUT of 2,000 changes, from its answer to the last delivery recorded, one per change
//   and batched.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { createTestDatabase, type Provider } from "@/test/support/test-database";
import { measure, type LoadFigures } from "./load";
import { startBenchServer } from "./server";

export type WebhookFigures = {
  provider: Provider;
  off: LoadFigures[];
  on: LoadFigures[];
  onBatched: LoadFigures[];
  /** Median over rounds of (CPU per PUT with a subscription) / (without) − 1: one delivery per change, batched. */
  addedCpuShare: number;
  addedCpuShareBatched: number;
  deliveriesPerSecond: { single: number; batchedChanges: number };
};

const CHANGES = 2_000;

async function receiver(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => ((n += 1), res.writeHead(204).end()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    count: () => n,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function webhookCost(
  provider: Provider,
  seconds: { warmUp: number; duration: number },
  rounds: number,
): Promise<WebhookFigures> {
  const database = await createTestDatabase(provider);
  const target = await receiver();
  const server = await startBenchServer({
    DATABASE_URL: database.url,
    SEED_DEMO_DATA: "false",
    RATE_LIMIT_API_POINTS: "100000000",
    WEBHOOK_ALLOW: "127.0.0.1/32",
  });
  try {
    await seedProcesses(database.url, CHANGES);
    const admin = await createTestToken(database.url, "Super user", { name: "bench" });
    const headers = { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" };
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(server.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, any>;
    };
    const pendingOf = async (id: number) =>
      ((await api("GET", "/api/v1/webhooks")).webhooks as { id: number; deliveries: { pending: number } }[]).find(
        (w) => w.id === id,
      )!.deliveries.pending;
    const drained = async (id: number) => {
      while ((await pendingOf(id)) > 0) await new Promise((r) => setTimeout(r, 100));
    };
    let n = 0;
    const putOne = {
      url: `${server.baseUrl}/api/v1/processes`,
      method: "PUT" as const,
      cpuMs: server.cpuMs,
      headers,
      next: () => {
        const id = (n++ % CHANGES) + 1;
        return {
          path: `/api/v1/processes/${id}`,
          body: JSON.stringify({ name: `Process ${id}`, comment: `edit ${n}` }),
        };
      },
    };
    await measure(putOne, { warmUp: 0, duration: seconds.warmUp });
    const withSubscription = async (batch: boolean) => {
      const { webhook } = await api("POST", "/api/v1/webhooks", { url: target.url, batch });
      const cpuBefore = server.cpuMs();
      const figures = await measure(putOne, seconds);
      // The deliveries still queued when the load stops are part of the writes' cost: wait for them, count their CPU.
      await drained(webhook.id);
      const total = server.cpuMs() - cpuBefore;
      await api("DELETE", `/api/v1/webhooks/${webhook.id}`);
      return { ...figures, cpuMsPerRequest: Math.round((total / figures.requests) * 1000) / 1000 };
    };
    const off: LoadFigures[] = [];
    const on: LoadFigures[] = [];
    const onBatched: LoadFigures[] = [];
    for (let round = 0; round < rounds; round++) {
      off.push(await measure(putOne, seconds));
      on.push(await withSubscription(false));
      onBatched.push(await withSubscription(true));
    }
    const share = (l: LoadFigures[]) =>
      Math.round(median(l.map((f, i) => f.cpuMsPerRequest! / off[i]!.cpuMsPerRequest! - 1)) * 1000) / 1000;

    const rate = async (batch: boolean) => {
      const { webhook } = await api("POST", "/api/v1/webhooks", { url: target.url, batch });
      const processes = Array.from({ length: CHANGES }, (_, i) => ({
        id: i + 1,
        name: `Rate ${batch} ${i}`,
        comment: "",
      }));
      await api("PUT", "/api/v1/processes", { processes });
      const started = performance.now();
      await drained(webhook.id);
      const perSecond = Math.round(CHANGES / ((performance.now() - started) / 1000));
      await api("DELETE", `/api/v1/webhooks/${webhook.id}`);
      return perSecond;
    };
    const single = await rate(false);
    const batchedChanges = await rate(true);
    return {
      provider,
      off,
      on,
      onBatched,
      addedCpuShare: share(on),
      addedCpuShareBatched: share(onBatched),
      deliveriesPerSecond: { single, batchedChanges },
    };
  } finally {
    await server.stop();
    await target.close();
    await database.drop();
  }
}

export function webhookMarkdown(figures: WebhookFigures[]): string[] {
  const lines = ["### Webhooks (issue 26): added cost per write, delivery rate", ""];
  for (const f of figures) {
    const cpu = (l: LoadFigures[]) => l.map((x) => x.cpuMsPerRequest).join(", ");
    lines.push(
      `${f.provider}: server CPU per PUT without a subscription ${cpu(f.off)} ms, with one (one delivery per change, ` +
        `its deliveries' CPU included) ${cpu(f.on)} ms: **${(f.addedCpuShare * 100).toFixed(1)} %** added; with a ` +
        `batched one ${cpu(f.onBatched)} ms: **${(f.addedCpuShareBatched * 100).toFixed(1)} %** added (medians of ` +
        `rounds; the write's own transaction is unchanged: the history row it always wrote is the outbox). Delivery rate after a bulk PUT of ${CHANGES.toLocaleString("en")}: ` +
        `${f.deliveriesPerSecond.single} deliveries/s one per change, ${f.deliveriesPerSecond.batchedChanges} changes/s batched.`,
      "",
    );
  }
  return lines;
}

if (process.argv[1]?.endsWith("webhooks.ts")) {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "8" },
      rounds: { type: "string", default: "3" },
      provider: { type: "string", default: "sqlite" },
    },
  });
  process.env.NEXT_DIST_DIR ??= ".next";
  const figures = await webhookCost(
    values.provider as Provider,
    { warmUp: 1, duration: Number(values.duration) },
    Number(values.rounds),
  );
  console.log(JSON.stringify(figures, null, 2));
  console.log(webhookMarkdown([figures]).join("\n"));
}

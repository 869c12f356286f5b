// `npm run bench:streams` (issue 18): /api/health while 300 event streams that read receive a bulk PUT of 2,000
// rows, against a quiet baseline of the same run. Target: p99 under 250 ms. SQLite by default; `-- --postgres`
// runs it on a fresh database on TEST_DATABASE_URL's server.
import net from "node:net";
import { createTestToken, seedProcesses } from "@/test/support/fixture-data";
import { createTestDatabase } from "@/test/support/test-database";
import { startBenchServer, type BenchServer } from "./server";

const STREAMS = 300;
const ROWS = 2_000;
const PROBES = 200;
const PROBE_GAP_MS = 10;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Times GET /api/health, one after another, until `until` settles (at least PROBES of them). */
async function probeHealth(server: BenchServer, until?: Promise<unknown>): Promise<number[]> {
  let done = until === undefined;
  void until?.finally(() => (done = true));
  const times: number[] = [];
  while (times.length < PROBES || !done) {
    const started = performance.now();
    const res = await fetch(`${server.baseUrl}/api/health`);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, PROBE_GAP_MS));
  }
  return times.sort((a, b) => a - b);
}

/** A stream read by a raw socket that only counts bytes (a reader that keeps up, at no parsing cost here). */
function readingStream(port: number, token: string): { bytes: () => number; close: () => void } {
  let bytes = 0;
  const socket = net.connect(port, "127.0.0.1");
  socket.write(`GET /api/v1/processes/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`);
  socket.on("data", (chunk: Buffer) => (bytes += chunk.length));
  socket.on("error", () => undefined);
  return { bytes: () => bytes, close: () => socket.destroy() };
}

const summary = (times: number[]) => ({
  p50Ms: Math.round(percentile(times, 0.5)),
  p99Ms: Math.round(percentile(times, 0.99)),
  maxMs: Math.round(times.at(-1)!),
  probes: times.length,
});

async function main(): Promise<void> {
  const provider = process.argv.includes("--postgres") ? "postgresql" : "sqlite";
  const database = await createTestDatabase(provider);
  await seedProcesses(database.url, ROWS);
  const writer = await createTestToken(database.url, "Advanced user");
  const reader = await createTestToken(database.url, "User");
  const server = await startBenchServer({
    DATABASE_URL: database.url,
    SEED_DEMO_DATA: "false",
    RATE_LIMIT_API_POINTS: "1000000",
    EVENT_STREAMS_PER_CALLER: String(STREAMS),
  });
  const port = Number(new URL(server.baseUrl).port);
  const streams: ReturnType<typeof readingStream>[] = [];
  try {
    const auth = { Authorization: `Bearer ${writer}`, "Content-Type": "application/json" };
    const rows = (
      (await (await fetch(`${server.baseUrl}/api/v1/processes`, { headers: auth })).json()) as {
        processes: { id: number; comment: string }[];
      }
    ).processes;
    const bulk = (tag: string) =>
      fetch(`${server.baseUrl}/api/v1/processes`, {
        method: "PUT",
        headers: auth,
        body: JSON.stringify({
          processes: rows.map((p) => ({ id: p.id, name: `${tag} ${p.id}`, comment: p.comment })),
        }),
      }).then(async (res) => {
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`bulk PUT answered ${res.status}`);
      });
    await bulk("Warm");
    await probeHealth(server);

    const quiet = await probeHealth(server);
    const quietPut = performance.now();
    const quietWithPut = await probeHealth(server, bulk("Quiet"));
    const quietPutMs = performance.now() - quietPut;

    for (let i = 0; i < STREAMS; i++) streams.push(readingStream(port, reader));
    await new Promise((r) => setTimeout(r, 2_000));
    const before = streams.map((s) => s.bytes());
    const loadedPut = performance.now();
    const withStreams = await probeHealth(
      server,
      bulk("Streams").then(async () => {
        // Until every stream has received the whole bulk (about its size in bytes of events).
        const deadline = Date.now() + 120_000;
        const enough = (i: number) => streams[i]!.bytes() - before[i]! > ROWS * 250;
        while (Date.now() < deadline && !streams.every((_, i) => enough(i)))
          await new Promise((r) => setTimeout(r, 50));
      }),
    );
    const loadedMs = performance.now() - loadedPut;
    const received = streams.filter((s, i) => s.bytes() - before[i]! > ROWS * 250).length;

    const report = {
      provider,
      streams: STREAMS,
      rows: ROWS,
      quiet: summary(quiet),
      quietWithBulkPut: { ...summary(quietWithPut), putMs: Math.round(quietPutMs) },
      streamsWithBulkPut: { ...summary(withStreams), untilAllReceivedMs: Math.round(loadedMs), received },
      p99Ratio: Math.round((percentile(withStreams, 0.99) / percentile(quiet, 0.99)) * 10) / 10,
      targetP99Ms: 250,
      peakRssMb: Math.round(server.peakRssKb() / 1024),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    for (const s of streams) s.close();
    await server.stop();
    await database.drop();
  }
}

await main();

// npm run bench:signin [-- --no-build] [-- --seconds <s>] [-- --rate <sign-ins per second>]
// Issue 18: a sign-in flood must not take the CPU from the API. Another caller's GET /api/v1/processes,
// one request at a time, is timed while quiet, then during a flood of sign-ins with new emails (1) from one
// address (refused before hashing once the address's attempts are spent) and (2) from a new address each
// time (hashing bounded by the worker pool and its queue; the rest refused as busy). The flood is sent at a
// fixed rate whatever the answers (as an attacker would), and each flood is compared with a quiet period
// measured just before it, in the same run (target: within 2x). Writes bench-results/signin-<time>.{md,json}.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createTestToken } from "@/test/support/fixture-data";
import { cookiesOf } from "@/test/support/session";
import { createTestDatabase } from "@/test/support/test-database";
import { startServer } from "@/test/support/test-server";
import { machineFacts } from "./report";

const { values } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    seconds: { type: "string", default: "10" },
    rate: { type: "string", default: "10" },
  },
});
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);

process.env.NEXT_DIST_DIR ??= ".next-bench";
const log = (line: string) => process.stderr.write(`[bench:signin] ${line}\n`);

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

if (!values["no-build"]) {
  log(`building into ${process.env.NEXT_DIST_DIR}`);
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
}

const database = await createTestDatabase("sqlite");
// The bench speaks for many clients through one "proxy" (itself): X-Forwarded-For names the client.
const server = await startServer({
  env: {
    DATABASE_URL: database.url,
    TRUSTED_PROXIES: "127.0.0.1",
    LOG_LEVEL: "warn",
    RATE_LIMIT_API_POINTS: "100000000",
  },
});
try {
  const token = await createTestToken(database.url, "User");

  /** Times sequential GETs of the list for `seconds`; returns each one's milliseconds. */
  const timeGets = async (seconds: number) => {
    const times: number[] = [];
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      const started = performance.now();
      const res = await fetch(`${server.baseUrl}/api/v1/processes`, { headers: { Authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET answered ${res.status}`);
      times.push(performance.now() - started);
    }
    return times;
  };

  const csrfRes = await fetch(`${server.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = [...cookiesOf(csrfRes)].map(([k, v]) => `${k}=${v}`).join("; ");

  /** RATE sign-ins a second with new emails until stopped, not waiting for answers; counts them by error name. */
  const flood = (address: (n: number) => string) => {
    const outcomes: Record<string, number> = {};
    const pending: Promise<void>[] = [];
    let n = 0;
    const send = async (i: number) => {
      const res = await fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Cookie: csrfCookie,
          "X-Forwarded-For": address(i),
        },
        body: new URLSearchParams({ csrfToken, email: `flood-${i}@nowhere.example`, password: "guess", json: "true" }),
        signal: AbortSignal.timeout(60_000),
      }).catch(() => null);
      const url = ((await res?.json().catch(() => ({}))) as { url?: string } | undefined)?.url ?? "";
      const error = res ? (new URL(url, "http://x").searchParams.get("error") ?? "none") : "no answer";
      outcomes[error] = (outcomes[error] ?? 0) + 1;
    };
    const timer = setInterval(() => pending.push(send(n++)), 1000 / RATE);
    return {
      stop: async () => {
        clearInterval(timer);
        await Promise.all(pending);
        return outcomes;
      },
    };
  };

  const machine = machineFacts();
  // Warm-up: the sign-in route's code loaded and the hashing worker started, before anything is timed.
  for (let i = 0; i < 3; i++) {
    const f = flood(() => "192.0.2.1");
    await new Promise((r) => setTimeout(r, 300));
    await f.stop();
  }
  await timeGets(2);
  const runs: { name: string; quiet: number[]; times: number[]; outcomes: Record<string, number> }[] = [];
  for (const [name, address] of [
    ["one address", () => "203.0.113.5"],
    ["a new address each", (i: number) => `198.18.${(i >> 8) & 255}.${i & 255}`],
  ] as const) {
    log(`quiet: ${SECONDS} s`);
    const quiet = await timeGets(SECONDS);
    log(`flood from ${name}: ${SECONDS} s at ${RATE}/s`);
    const f = flood(address);
    await new Promise((r) => setTimeout(r, 500));
    const times = await timeGets(SECONDS);
    runs.push({ name, quiet, times, outcomes: await f.stop() });
    // Let the queue drain and the address limit's window pass before the next quiet period.
    await new Promise((r) => setTimeout(r, 5_000));
  }

  const ms = (x: number) => Math.round(x * 10) / 10;
  const rows = runs.map((r) => ({
    flood: r.name,
    quietMedianMs: ms(median(r.quiet)),
    floodMedianMs: ms(median(r.times)),
    ratio: Math.round((median(r.times) / median(r.quiet)) * 100) / 100,
    gets: r.times.length,
    signIns: r.outcomes,
  }));
  const result = { machine, seconds: SECONDS, rate: RATE, rows };
  const md = [
    `# Sign-in flood vs. another caller's GET (${machine.date})`,
    "",
    `Load average before the run: ${machine.loadAverage.join(", ")}; ${RATE} sign-ins/s, ${SECONDS} s each.`,
    "",
    "| flood | quiet GET median (ms) | during the flood (ms) | × quiet | GETs | sign-in answers |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.flood} | ${r.quietMedianMs} | ${r.floodMedianMs} | ${r.ratio} | ${r.gets} | ${Object.entries(r.signIns)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")} |`,
    ),
    "",
  ].join("\n");
  mkdirSync("bench-results", { recursive: true });
  const stem = `bench-results/signin-${machine.date.replace(/[:.]/g, "-")}`;
  writeFileSync(`${stem}.json`, JSON.stringify(result, null, 2));
  writeFileSync(`${stem}.md`, md);
  process.stdout.write(md);
} finally {
  await server.stop();
  await database.drop();
}

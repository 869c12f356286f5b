// The checks of npm run scale:check: several instances on one PostgreSQL must behave as one API.
import { existsSync, readFileSync } from "node:fs";
import autocannon from "autocannon";

export type Outcome = { result: "PASS" | "FAIL" | "SKIP"; detail: string };

type Process = { id: number; name: string };

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function problemCode(res: Response): Promise<number | undefined> {
  return (JSON.parse(await res.text()) as { code?: number }).code;
}

/**
 * Requests spread round-robin over every instance, one at a time: with a shared store exactly `points`
 * are answered and every later one is refused with 6001, on every instance. Per-instance counters
 * would answer `points` on each.
 */
export async function checkRateLimits(urls: string[], token: string, points: number): Promise<Outcome> {
  const total = points + 5 * urls.length;
  const answers: { instance: number; status: number; code?: number }[] = [];
  for (let i = 0; i < total; i++) {
    const instance = i % urls.length;
    const res = await fetch(`${urls[instance]}/api/v1/processes`, { headers: bearer(token) });
    answers.push({ instance, status: res.status, code: res.status === 200 ? undefined : await problemCode(res) });
    if (res.status === 200) await res.arrayBuffer().catch(() => undefined);
  }
  const answered = answers.filter((a) => a.status === 200).length;
  const refused = answers.filter((a) => a.status === 429 && a.code === 6001);
  const refusingInstances = new Set(refused.map((a) => a.instance)).size;
  const firstRefusal = answers.findIndex((a) => a.status !== 200);
  const ok =
    answered === points &&
    refused.length === total - points &&
    firstRefusal === points &&
    refusingInstances === urls.length;
  return {
    result: ok ? "PASS" : "FAIL",
    detail: `${total} requests over ${urls.length} instances, limit ${points}: ${answered} answered, ${refused.length} refused with 6001 (by ${refusingInstances} instances)`,
  };
}

/** A PUT on one instance, then at once a GET on every other: each must list the new name. Repeated `rounds` times. */
export async function checkListFreshness(
  urls: string[],
  token: string,
  ids: number[],
  rounds: number,
): Promise<Outcome> {
  const stale: string[] = [];
  // Every instance has read (and cached) the list before the first change.
  await Promise.all(urls.map((u) => fetch(`${u}/api/v1/processes`, { headers: bearer(token) }).then((r) => r.text())));
  for (let round = 0; round < rounds; round++) {
    const writer = round % urls.length;
    const id = ids[round % ids.length]!;
    const name = `Scale check ${Date.now()} ${round}`;
    const put = await fetch(`${urls[writer]}/api/v1/processes/${id}`, {
      method: "PUT",
      headers: { ...bearer(token), "Content-Type": "application/json" },
      body: JSON.stringify({ name, comment: `written on instance ${writer + 1}` }),
    });
    if (put.status !== 200) return { result: "FAIL", detail: `round ${round + 1}: PUT answered ${put.status}` };
    await put.text();
    const readers = urls.map((u, i) => ({ u, i })).filter(({ i }) => i !== writer);
    const lists = await Promise.all(
      readers.map(async ({ u, i }) => {
        const res = await fetch(`${u}/api/v1/processes`, { headers: bearer(token) });
        const body = (await res.json()) as { processes?: Process[] };
        return { i, seen: body.processes?.find((p) => p.id === id)?.name };
      }),
    );
    for (const { i, seen } of lists)
      if (seen !== name) stale.push(`round ${round + 1}: instance ${i + 1} listed "${seen}" for ${id}`);
  }
  return stale.length === 0
    ? {
        result: "PASS",
        detail: `${rounds} PUTs, each read at once on the ${urls.length - 1} other instance(s): all fresh`,
      }
    : { result: "FAIL", detail: stale.slice(0, 5).join("; ") };
}

const EVENTS_PATH = "/api/v1/processes/events";

/** Events are checked once the route exists (the concurrency issue); until then the check says why not. */
export async function checkEvents(urls: string[], token: string, ids: number[]): Promise<Outcome> {
  const routes = existsSync("lib/api/routes.ts") ? readFileSync("lib/api/routes.ts", "utf8") : "";
  if (!routes.includes(EVENTS_PATH))
    return { result: "SKIP", detail: `no ${EVENTS_PATH} in lib/api/routes.ts yet (the concurrency issue adds it)` };
  const name = `Scale event ${Date.now()}`;
  const id = ids[0]!;
  const subscribers = urls.slice(1).map(async (u, k) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 10_000);
    try {
      const res = await fetch(`${u}${EVENTS_PATH}`, {
        headers: { ...bearer(token), Accept: "text/event-stream" },
        signal: controller.signal,
      });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      while (!text.includes(name)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      return text.includes(name) ? null : `instance ${k + 2}: stream ended without the change`;
    } catch {
      return `instance ${k + 2}: no event within 10 s`;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  });
  // Subscribers connect before the change is made.
  await new Promise((r) => setTimeout(r, 1_000));
  const put = await fetch(`${urls[0]}/api/v1/processes/${id}`, {
    method: "PUT",
    headers: { ...bearer(token), "Content-Type": "application/json" },
    body: JSON.stringify({ name, comment: "event check" }),
  });
  if (put.status !== 200) return { result: "FAIL", detail: `PUT answered ${put.status}` };
  const missing = (await Promise.all(subscribers)).filter((m): m is string => m !== null);
  return missing.length === 0
    ? { result: "PASS", detail: `a change on instance 1 reached a subscriber on each of the other ${urls.length - 1}` }
    : { result: "FAIL", detail: missing.join("; ") };
}

export type Throughput = { rps: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };

/** GET /api/v1/processes with `connections` in all, split evenly over the given instances, all at the same time. */
export async function throughput(
  urls: string[],
  token: string,
  connections: number,
  duration: number,
): Promise<Throughput> {
  const each = Math.max(1, Math.floor(connections / urls.length));
  const runs = await Promise.all(
    urls.map((u) => autocannon({ url: `${u}/api/v1/processes`, connections: each, duration, headers: bearer(token) })),
  );
  return {
    rps: Math.round(runs.reduce((sum, r) => sum + r.requests.average, 0)),
    p50Ms: Math.max(...runs.map((r) => r.latency.p50)),
    p99Ms: Math.max(...runs.map((r) => r.latency.p99)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
  };
}

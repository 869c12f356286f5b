// The checks of npm run scale:check: several instances on one PostgreSQL must behave as one API.
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

type Seen = { name: string; kind: string; at: number };

/** Every `process` event of one stream, as it arrives, until `signal` aborts. */
async function follow(url: string, token: string, seen: Seen[], signal: AbortSignal): Promise<void> {
  const res = await fetch(`${url}${EVENTS_PATH}`, {
    headers: { ...bearer(token), Accept: "text/event-stream" },
    signal,
  });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
      buffer = buffer.slice(end + 2);
      if (data) seen.push({ ...(JSON.parse(data) as { name: string; kind: string }), at: performance.now() });
    }
  }
}

/**
 * A PUT on instance 1 reaches a subscriber on every other instance; an INSERT and a DELETE made outside the
 * app (a plain `pg` client) reach the subscribers of every instance, as `created` and `deleted` (issue 13).
 */
export async function checkEvents(
  urls: string[],
  token: string,
  ids: number[],
  outside: (sql: string, params: unknown[]) => Promise<void>,
): Promise<Outcome> {
  const name = `Scale event ${Date.now()}`;
  const controller = new AbortController();
  const streams = urls.map(() => [] as Seen[]);
  const following = urls.map((u, i) => follow(u, token, streams[i]!, controller.signal).catch(() => undefined));
  const wanted = (i: number, kind: string, n: string) => streams[i]!.find((e) => e.kind === kind && e.name === n);
  const waitFor = async (instances: number[], kind: string, n: string, since: number) => {
    for (let waited = 0; waited < 10_000 && instances.some((i) => !wanted(i, kind, n)); waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    const missing = instances.filter((i) => !wanted(i, kind, n)).map((i) => `instance ${i + 1}: no ${kind} event`);
    const delays = instances.flatMap((i) => (wanted(i, kind, n) ? [wanted(i, kind, n)!.at - since] : []));
    return { missing, maxMs: Math.round(Math.max(0, ...delays)) };
  };
  try {
    // Subscribers connect before the changes are made.
    await new Promise((r) => setTimeout(r, 1_000));
    let since = performance.now();
    const put = await fetch(`${urls[0]}/api/v1/processes/${ids[0]}`, {
      method: "PUT",
      headers: { ...bearer(token), "Content-Type": "application/json" },
      body: JSON.stringify({ name, comment: "event check" }),
    });
    if (put.status !== 200) return { result: "FAIL", detail: `PUT answered ${put.status}` };
    const others = urls.map((_, i) => i).slice(1);
    const updated = await waitFor(others, "updated", name, since);
    const all = urls.map((_, i) => i);
    since = performance.now();
    // The time as a parameter: the same statement on either database (SQLite has no now()).
    await outside(`INSERT INTO processes (name, comment, "updatedAt") VALUES ($1, 'scale check', $2)`, [
      `${name} +`,
      new Date().toISOString(),
    ]);
    const created = await waitFor(all, "created", `${name} +`, since);
    since = performance.now();
    await outside("DELETE FROM processes WHERE name = $1", [`${name} +`]);
    const deleted = await waitFor(all, "deleted", `${name} +`, since);
    const missing = [...updated.missing, ...created.missing, ...deleted.missing];
    return missing.length === 0
      ? {
          result: "PASS",
          detail:
            `a PUT on instance 1 reached the other ${urls.length - 1} (slowest ${updated.maxMs} ms); an outside INSERT ` +
            `and DELETE reached all ${urls.length} (slowest ${created.maxMs} and ${deleted.maxMs} ms)`,
        }
      : { result: "FAIL", detail: missing.join("; ") };
  } finally {
    controller.abort();
    await Promise.all(following);
  }
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

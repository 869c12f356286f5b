// One autocannon measurement: a short warm-up (JIT, connection pools, caches), then the timed run.
import autocannon, { type Result } from "autocannon";

export type LoadOptions = {
  url: string;
  method?: "GET" | "PUT";
  headers?: Record<string, string>;
  /** Called per request: lets a run vary the path and body (e.g. over the seeded ids). */
  next?: () => { path: string; body?: string };
  /** The server's CPU time so far: CPU per request holds up on a busy machine, where req/s does not. */
  cpuMs?: () => number;
};

export type LoadFigures = {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Server CPU time per request answered, in ms (null when the server pid is unknown). */
  cpuMsPerRequest: number | null;
};

export const CONNECTIONS = 32;

async function run(options: LoadOptions, duration: number): Promise<Result> {
  const { url, method = "GET", headers = {}, next } = options;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    method,
    headers,
    requests: next ? [{ method, headers, setupRequest: (request) => ({ ...request, ...next() }) }] : undefined,
  });
}

export async function measure(
  options: LoadOptions,
  seconds: { warmUp: number; duration: number },
): Promise<LoadFigures> {
  if (seconds.warmUp > 0) await run(options, seconds.warmUp);
  const cpuBefore = options.cpuMs?.();
  const r = await run(options, seconds.duration);
  const cpu = cpuBefore === undefined ? null : options.cpuMs!() - cpuBefore;
  return {
    rps: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    cpuMsPerRequest: cpu === null || r.requests.total === 0 ? null : Math.round((cpu / r.requests.total) * 1000) / 1000,
  };
}

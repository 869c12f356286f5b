import "server-only";
import { timingSafeEqual } from "node:crypto";
import { version } from "@/package.json";
import { problemResponse, httpProblem } from "@/lib/api/problem";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { postgresPoolState } from "@/lib/db/client";
import { diskUsage } from "@/lib/db/disk-usage";
import { databaseProvider, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { metrics } from "@/lib/metrics/registry";
import { deliveryLag } from "@/lib/webhooks/delivery-metrics";

// Who may read GET /metrics (docs/decisions/038-metrics-and-health.md): nobody unless METRICS_TOKEN or METRICS_ALLOW is set;
// with the token, `Authorization: Bearer <METRICS_TOKEN>`; with the list, a client address in it; with both, both.

const CHALLENGE = 'Bearer realm="metrics"';

function sameSecret(sent: string, wanted: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(wanted);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws the refusal (2004 without the token, 3001 from an address not listed); false when metrics are off. */
export function metricsAllowed(request: Request): boolean {
  if (!env.METRICS_TOKEN && !env.METRICS_ALLOW) return false;
  if (env.METRICS_ALLOW && !env.METRICS_ALLOW.contains(clientIpFromHeaders((n) => request.headers.get(n))))
    throw new AppError(3001, "This address may not read the metrics (METRICS_ALLOW)");
  if (env.METRICS_TOKEN) {
    const sent = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
    if (sent === undefined || !sameSecret(sent, env.METRICS_TOKEN))
      throw new AppError(2004, "The metrics need METRICS_TOKEN as a bearer token", {
        headers: { "WWW-Authenticate": CHALLENGE },
      });
  }
  return true;
}

/** The metrics in Prometheus' text format, with the gauges that are read at scrape time brought up to date. */
export async function metricsResponse(request: Request, requestId: string): Promise<Response> {
  if (!metricsAllowed(request))
    return problemResponse(httpProblem(404, "No metrics here: set METRICS_TOKEN or METRICS_ALLOW", requestId));
  const m = metrics();
  m.buildInfo.set({ version, node: process.version, provider: databaseProvider }, 1);
  const pool = postgresPoolState();
  if (pool) for (const [state, n] of Object.entries(pool)) m.pool.set({ state }, n);
  // A database that does not answer leaves the last values: the scrape itself still answers.
  const lag = await deliveryLag().catch(() => null);
  if (lag) {
    m.webhookPending.set(lag.pending);
    m.webhookLag.set(lag.oldestPendingSeconds);
  }
  // The same reading as /api/health's storage (issue 18: the history can fill the disk); nulls stay unset.
  const storage = await diskUsage();
  const provider = { provider: databaseProvider };
  if (storage?.databaseBytes != null) m.databaseBytes.set(provider, storage.databaseBytes);
  if (storage?.freeBytes != null) m.diskFree.set(provider, storage.freeBytes);
  return new Response(await m.registry.metrics(), {
    headers: { "Content-Type": m.registry.contentType, "Cache-Control": "no-store" },
  });
}

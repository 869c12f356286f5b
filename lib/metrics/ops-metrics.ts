import "server-only";
import { metrics } from "@/lib/metrics/registry";

// The few places outside the route wrapper that count something call these (no handler does).

export function noteBackup(result: { ok: boolean; seconds: number }): void {
  const m = metrics();
  m.backups.inc({ result: result.ok ? "ok" : "failed" });
  if (result.ok) m.lastBackup.set(Date.now() / 1000);
}

export const countSignInFailure = (reason: string) => metrics().signInFailures.inc({ reason });

export const noteListCache = (hit: boolean) => metrics().listCache.inc({ result: hit ? "hit" : "miss" });

/** One more (+1) or one fewer (-1) open event stream. */
export const noteEventStream = (delta: 1 | -1) => metrics().streams.inc(delta);

/** Changes handed to the streams now, by their commit times (ISO 8601). */
export function noteDelivered(changedAt: string[]): void {
  const now = Date.now();
  for (const at of changedAt) metrics().deliveryLag.observe(Math.max(0, (now - Date.parse(at)) / 1000));
}

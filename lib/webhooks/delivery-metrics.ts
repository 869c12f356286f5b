import "server-only";
import { db } from "@/lib/db/client";
import { metrics } from "@/lib/metrics/registry";

// Delivery counters of this instance since it started, and the lag read from the database: published by
// GET /metrics (plant_processes_webhook_*; the registry is shared across the server's bundles, these copies
// are the benchmark's).

const counters = { queued: 0, delivered: 0, failed: 0, attemptsFailed: 0, changesQueued: 0 };

export type DeliveryCounter = keyof typeof counters;

const RESULTS = { queued: "queued", delivered: "delivered", failed: "failed", attemptsFailed: "attempt_failed" };

export function countDelivery(counter: DeliveryCounter, by = 1): void {
  counters[counter] += by;
  if (counter === "changesQueued") metrics().webhookChanges.inc(by);
  else metrics().webhookDeliveries.inc({ result: RESULTS[counter] }, by);
}

/** Copies of the counters: deliveries queued, delivered, failed for good; failed attempts; changes queued. */
export const deliveryCounters = () => ({ ...counters });

/**
 * How far deliveries are behind, over every instance: the pending deliveries, and the age in seconds of the
 * oldest one (0 when none is pending).
 */
export async function deliveryLag(): Promise<{ pending: number; oldestPendingSeconds: number }> {
  const [pending, oldest] = await Promise.all([
    db.webhookDelivery.count({ where: { status: "pending" } }),
    db.webhookDelivery.findFirst({ where: { status: "pending" }, orderBy: { id: "asc" }, select: { queuedAt: true } }),
  ]);
  const oldestPendingSeconds = oldest ? Math.max(0, (Date.now() - oldest.queuedAt.getTime()) / 1000) : 0;
  return { pending, oldestPendingSeconds };
}

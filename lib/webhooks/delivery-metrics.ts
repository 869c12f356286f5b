import "server-only";
import { db } from "@/lib/db/client";
import { metrics } from "@/lib/metrics/registry";

// Delivery counts of this instance and the lag read from the database, published by GET /metrics
// (plant_processes_webhook_*; the registry is shared across the server's bundles).

const RESULTS = { queued: "queued", delivered: "delivered", failed: "failed", attemptsFailed: "attempt_failed" };

export type DeliveryCounter = keyof typeof RESULTS | "changesQueued";

export function countDelivery(counter: DeliveryCounter, by = 1): void {
  if (counter === "changesQueued") metrics().webhookChanges.inc(by);
  else metrics().webhookDeliveries.inc({ result: RESULTS[counter] }, by);
}

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

import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { errorFields, logger } from "@/lib/logger";
import { readDatabaseEpoch } from "@/lib/processes/database-epoch";
import { countDelivery } from "@/lib/webhooks/delivery-metrics";
import { queueDeliveries, type QueueTarget } from "@/lib/webhooks/queue-deliveries";
import { openSecret } from "@/lib/webhooks/secret-box";
import { sendDelivery } from "@/lib/webhooks/send-delivery";

// The delivery worker of this instance (docs/decisions/041). For each subscription it takes a lease (a row
// update only one instance can win), queues what the history holds after the cursor, and delivers the oldest
// pending delivery, then the next: one at a time per subscription, so in order per process. A failed attempt
// stops the subscription until its retry is due. Each attempt is claimed by a conditional update of its
// number, so no two instances make the same attempt even if a lease ran out under a slow one.

const INSTANCE = randomUUID();
const TICK_MS = 500;
// Longer than one attempt can take; renewed before each one. A crashed instance's lease runs out by itself.
const LEASE_MS = env.WEBHOOK_TIMEOUT_MS + 5_000;
// Hands the lease back now and then, so that a subscription with a long queue does not hold a tick forever.
const SLICE_MS = 30_000;
// Renewed when this much of its 5 s margin is used: an attempt then always ends inside the lease.
const RENEW_AFTER_MS = 2_500;
// Pending deliveries read at once (in order); a failed attempt drops the rest until the next round.
const READ_AHEAD = 100;

type Subscription = QueueTarget & { url: string; secret: string };

let timer: NodeJS.Timeout | undefined;
let running: Promise<void> | null = null;
let again = false;
const busy = new Set<number>();

export function startDeliveryWorker(): void {
  timer ??= setInterval(wakeDeliveryWorker, TICK_MS).unref();
}

export function stopDeliveryWorker(): void {
  clearInterval(timer);
  timer = undefined;
}

/** Runs a round now (or right after the one running). */
export function wakeDeliveryWorker(): void {
  if (!timer) return;
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    do {
      again = false;
      await deliveryRound().catch((error) => logger.warn("webhook round failed", errorFields(error)));
    } while (again);
  })().finally(() => (running = null));
}

async function deliveryRound(): Promise<void> {
  const subscriptions = await db.webhook.findMany({
    select: { id: true, url: true, secret: true, cursor: true, processIds: true, kinds: true, batch: true },
  });
  if (subscriptions.length === 0) return;
  const epoch = await readDatabaseEpoch();
  // Subscriptions do not wait for each other; each is served by one loop at a time.
  for (const subscription of subscriptions) {
    if (busy.has(subscription.id)) continue;
    busy.add(subscription.id);
    void serve(subscription, epoch)
      .catch((error) => logger.warn("webhook delivery stopped", { webhook: subscription.id, ...errorFields(error) }))
      .finally(() => busy.delete(subscription.id));
  }
}

async function takeLease(id: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db.webhook.updateMany({
    where: { id, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: INSTANCE }] },
    data: { leaseOwner: INSTANCE, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return count === 1;
}

const releaseLease = (id: number) =>
  db.webhook.updateMany({ where: { id, leaseOwner: INSTANCE }, data: { leaseOwner: null, leaseUntil: null } });

const readAhead = (webhookId: number) =>
  db.webhookDelivery.findMany({
    where: { webhookId, status: "pending" },
    orderBy: { id: "asc" },
    take: READ_AHEAD,
    select: { id: true, messageId: true, body: true, attempts: true, queuedAt: true, nextAttemptAt: true },
  });

async function serve(subscription: Subscription, epoch: string): Promise<void> {
  if (!(await takeLease(subscription.id))) return;
  const secret = openSecret(subscription.secret);
  const until = Date.now() + SLICE_MS;
  let cursor = subscription.cursor;
  let renewed = Date.now();
  let ahead: Awaited<ReturnType<typeof readAhead>> = [];
  let delivered = false;
  let more = false;
  try {
    while (Date.now() < until) {
      if (ahead.length === 0) {
        // Batches: one per round (TICK_MS) once the queue is empty, unless the history holds a backlog; else a
        // steady trickle of writes would make one small batch per write.
        if (subscription.batch && delivered && !more) return;
        const queued = await queueDeliveries({ ...subscription, cursor }, epoch);
        if (queued !== null) ({ cursor, more } = queued);
        ahead = await readAhead(subscription.id);
        if (ahead.length === 0) {
          if (queued === null) return;
          continue;
        }
      }
      const head = ahead.shift()!;
      if (head.nextAttemptAt.getTime() > Date.now()) return;
      if (Date.now() - renewed > RENEW_AFTER_MS) {
        if (!(await takeLease(subscription.id))) return;
        renewed = Date.now();
      }
      const claimed = await db.webhookDelivery.updateMany({
        where: { id: head.id, status: "pending", attempts: head.attempts },
        data: { attempts: head.attempts + 1, lastAttemptAt: new Date() },
      });
      if (claimed.count === 0) return;
      const result = secret
        ? await sendDelivery({
            url: subscription.url,
            secret,
            messageId: head.messageId,
            body: head.body,
            timeoutMs: env.WEBHOOK_TIMEOUT_MS,
          })
        : { ok: false, status: null, error: "the secret cannot be read (AUTH_SECRET changed?)", durationMs: 0 };
      const attempt = { lastStatus: result.status, lastError: result.error, lastDurationMs: result.durationMs };
      if (result.ok) {
        await db.webhookDelivery.update({
          where: { id: head.id },
          data: { ...attempt, status: "delivered", deliveredAt: new Date() },
        });
        countDelivery("delivered");
        delivered = true;
        continue;
      }
      countDelivery("attemptsFailed");
      const attempts = head.attempts + 1;
      const giveUp = Date.now() - head.queuedAt.getTime() >= env.WEBHOOK_RETRY_FOR_SECONDS * 1000;
      const delayMs = Math.min(1000 * 2 ** Math.min(attempts - 1, 20), env.WEBHOOK_RETRY_MAX_DELAY_SECONDS * 1000);
      await db.webhookDelivery.update({
        where: { id: head.id },
        data: giveUp ? { ...attempt, status: "failed" } : { ...attempt, nextAttemptAt: new Date(Date.now() + delayMs) },
      });
      if (giveUp) {
        countDelivery("failed");
        logger.warn("webhook delivery failed for good", {
          webhook: subscription.id,
          delivery: head.id,
          attempts,
          status: result.status,
        });
        continue;
      }
      return;
    }
  } finally {
    await releaseLease(subscription.id).catch(() => undefined);
  }
}

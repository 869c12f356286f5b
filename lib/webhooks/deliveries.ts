import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { wakeDeliveryWorker } from "@/lib/webhooks/delivery-worker";
import type { WebhookDelivery } from "@/lib/validations/webhook";

// A subscription's deliveries as the page and the API show them (newest first), and a retry of a failed one.

export const DELIVERIES_SHOWN = 50;

type DeliveryRow = {
  id: number;
  messageId: string;
  firstChangeId: number;
  lastChangeId: number;
  changes: number;
  status: string;
  attempts: number;
  queuedAt: Date;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  deliveredAt: Date | null;
};

const SELECT = {
  id: true,
  messageId: true,
  firstChangeId: true,
  lastChangeId: true,
  changes: true,
  status: true,
  attempts: true,
  queuedAt: true,
  nextAttemptAt: true,
  lastAttemptAt: true,
  lastStatus: true,
  lastError: true,
  lastDurationMs: true,
  deliveredAt: true,
} as const;

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    ...row,
    status: row.status as WebhookDelivery["status"],
    queuedAt: row.queuedAt.toISOString(),
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

async function requireWebhook(id: number): Promise<void> {
  const found = await db.webhook.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw new AppError(1005, `Webhook ${id} does not exist`);
}

/** The newest deliveries of a subscription; 1005 when it does not exist. */
export async function listDeliveries(options: { webhookId: number; limit?: number }): Promise<WebhookDelivery[]> {
  await requireWebhook(options.webhookId);
  const rows = await db.webhookDelivery.findMany({
    where: { webhookId: options.webhookId },
    orderBy: { id: "desc" },
    take: options.limit ?? DELIVERIES_SHOWN,
    select: SELECT,
  });
  return rows.map(toDelivery);
}

/**
 * Queues a failed delivery again, now, with a new retry window. Only a failed one: a pending one is already
 * queued, and a delivered one was answered 2xx (1008). 1005 when the subscription or delivery does not exist.
 */
export async function retryDelivery(options: { webhookId: number; deliveryId: number }): Promise<WebhookDelivery> {
  await requireWebhook(options.webhookId);
  const where = { id: options.deliveryId, webhookId: options.webhookId };
  const now = new Date();
  const { count } = await db.webhookDelivery.updateMany({
    where: { ...where, status: "failed" },
    data: { status: "pending", queuedAt: now, nextAttemptAt: now },
  });
  const row = await db.webhookDelivery.findFirst({ where, select: SELECT });
  if (!row) throw new AppError(1005, `Delivery ${options.deliveryId} of webhook ${options.webhookId} does not exist`);
  if (count === 0)
    throw new AppError(1008, `Delivery ${options.deliveryId} is ${row.status}: only a failed one is retried`);
  wakeDeliveryWorker();
  return toDelivery(row);
}

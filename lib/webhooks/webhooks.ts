import "server-only";
import { recordAudit, type AuditSource } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { lastChangeId } from "@/lib/processes/process-history";
import { wakeDeliveryWorker } from "@/lib/webhooks/delivery-worker";
import { generateWebhookSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { checkTargetForCreate } from "@/lib/webhooks/target-check";
import {
  webhookCreateSchema,
  type WebhookCreate,
  type WebhookKind,
  type WebhookSummary,
} from "@/lib/validations/webhook";

// Webhook subscriptions (issue 26; docs/decisions/041): made, listed and deleted by Super users, each in the
// audit log. A new subscription receives the changes committed after it was made (its cursor is the newest).

type WebhookRow = {
  id: number;
  url: string;
  processIds: string | null;
  kinds: string;
  batch: boolean;
  createdAt: Date;
  cursor: number;
};

const SELECT = { id: true, url: true, processIds: true, kinds: true, batch: true, createdAt: true, cursor: true };
type Counts = WebhookSummary["deliveries"];
const NO_COUNTS: Counts = { pending: 0, delivered: 0, failed: 0 };

function toSummary(row: WebhookRow, counts: Counts = NO_COUNTS): WebhookSummary {
  return {
    id: row.id,
    url: row.url,
    processIds: row.processIds === null ? null : (JSON.parse(row.processIds) as number[]),
    kinds: row.kinds.split(",") as WebhookKind[],
    batch: row.batch,
    createdAt: row.createdAt.toISOString(),
    cursor: row.cursor,
    deliveries: counts,
  };
}

async function countsByWebhook(ids: number[]): Promise<Map<number, Counts>> {
  const groups = await db.webhookDelivery.groupBy({
    by: ["webhookId", "status"],
    where: { webhookId: { in: ids } },
    _count: { _all: true },
  });
  const counts = new Map<number, Counts>();
  for (const g of groups) {
    const entry = counts.get(g.webhookId) ?? { ...NO_COUNTS };
    if (g.status in entry) entry[g.status as keyof Counts] = g._count._all;
    counts.set(g.webhookId, entry);
  }
  return counts;
}

/** Makes a subscription; its secret is returned this once (kept sealed to sign with). `webhook.created`. */
export async function createWebhook(
  options: WebhookCreate & { createdById?: number; audit: AuditSource },
): Promise<{ webhook: WebhookSummary; secret: string }> {
  const input = webhookCreateSchema.parse({
    url: options.url,
    processIds: options.processIds,
    kinds: options.kinds,
    batch: options.batch,
  });
  await checkTargetForCreate(input.url);
  const secret = generateWebhookSecret();
  const processIds =
    input.processIds === null ? null : JSON.stringify([...new Set(input.processIds)].sort((a, b) => a - b));
  const kinds = [...new Set(input.kinds)].join(",");
  const row = await db.$transaction(async (tx) => {
    const created = await tx.webhook.create({
      data: {
        url: input.url,
        processIds,
        kinds,
        batch: input.batch,
        secret: sealSecret(secret),
        createdById: options.createdById ?? null,
        cursor: await lastChangeId(),
      },
      select: SELECT,
    });
    const target = { type: "webhook" as const, id: created.id, name: created.url };
    const detail = {
      kinds,
      batch: input.batch,
      processes: input.processIds === null ? "all" : input.processIds.length,
    };
    await recordAudit({ action: "webhook.created", ...options.audit, target, detail }, tx);
    return created;
  });
  wakeDeliveryWorker();
  return { webhook: toSummary(row), secret };
}

export async function listWebhooks(): Promise<WebhookSummary[]> {
  const rows = await db.webhook.findMany({ select: SELECT, orderBy: { id: "asc" } });
  const counts = await countsByWebhook(rows.map((r) => r.id));
  return rows.map((row) => toSummary(row, counts.get(row.id)));
}

/** Deletes a subscription and its deliveries (pending ones are not sent); 1005 when it does not exist. */
export async function deleteWebhook(options: { id: number; audit: AuditSource }): Promise<WebhookSummary> {
  return db.$transaction(async (tx) => {
    const row = await tx.webhook.findUnique({ where: { id: options.id }, select: SELECT });
    if (!row) throw new AppError(1005, `Webhook ${options.id} does not exist`);
    await tx.webhook.delete({ where: { id: options.id } });
    const target = { type: "webhook" as const, id: row.id, name: row.url };
    await recordAudit({ action: "webhook.deleted", ...options.audit, target }, tx);
    return toSummary(row);
  });
}

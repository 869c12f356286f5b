import type { RouteKey } from "@/lib/api/routes";
import type { OperationSpec } from "@/lib/openapi/operation-spec";

// The webhook routes in the document (issue 26; docs/decisions/041).

const EXAMPLE_WEBHOOK = {
  id: 3,
  url: "https://mes.plant.example/hooks/processes",
  processIds: null,
  kinds: ["created", "updated", "deleted"],
  batch: false,
  createdAt: "2026-12-07T02:30:00.000Z",
  cursor: 48213,
  deliveries: { pending: 0, delivered: 1290, failed: 1 },
};
const EXAMPLE_DELIVERY = {
  id: 812,
  messageId: "msg_k3J9xQ_3_48213",
  firstChangeId: 48213,
  lastChangeId: 48213,
  changes: 1,
  status: "failed",
  attempts: 17,
  queuedAt: "2026-12-06T02:30:00.000Z",
  nextAttemptAt: null,
  lastAttemptAt: "2026-12-07T02:29:58.000Z",
  lastStatus: 503,
  lastError: "Service Unavailable",
  lastDurationMs: 41,
  deliveredAt: null,
};

const DELIVERY =
  "Each change (every history row: the application's writes and changes made to the database directly) is POSTed " +
  "to the target with the Standard Webhooks headers `webhook-id` (the same on every attempt: deduplicate by it), " +
  "`webhook-timestamp` (seconds) and `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of " +
  "`<webhook-id>.<webhook-timestamp>.<body>` keyed with the secret's bytes after `whsec_`). The body is a " +
  "`ProcessEvent`, the event stream's `data`; with `batch` a JSON array of them (the changes queued together, " +
  "at most 1,000). At least once, in order per subscription (so per process): one delivery at a time; a 2xx " +
  "answer within `WEBHOOK_TIMEOUT_MS` delivers, anything else (redirects are not followed) is retried after 1 s, " +
  "2 s, 4 s … up to `WEBHOOK_RETRY_MAX_DELAY_SECONDS`, for `WEBHOOK_RETRY_FOR_SECONDS`, then the delivery is " +
  "`failed` and the next one goes. The target must be allowed by `WEBHOOK_ALLOW`, checked when it is made and " +
  "before every attempt after DNS resolution.";

type WebhookRoute = Extract<RouteKey, `${string} /api/v1/webhooks${string}`>;

export const WEBHOOK_OPERATIONS: Record<WebhookRoute, OperationSpec> = {
  "GET /api/v1/webhooks": {
    tag: "Webhooks",
    summary: "List webhook subscriptions",
    description: "Every subscription with its deliveries counted by status; never a secret.",
    answers: [
      {
        status: 200,
        schema: "WebhookList",
        description: "The subscriptions.",
        example: { webhooks: [EXAMPLE_WEBHOOK] },
      },
    ],
  },
  "POST /api/v1/webhooks": {
    tag: "Webhooks",
    summary: "Make a webhook subscription",
    description:
      "It receives every change committed after it was made that matches `processIds` (null: all) and `kinds`. " +
      "The secret (`whsec_…`) is in this answer only; the server keeps it encrypted to sign with. A target that " +
      "`WEBHOOK_ALLOW` does not allow (after DNS resolution: a name resolving to a private address is refused " +
      "unless a listed network holds it) is 1001 at `/url`. " +
      DELIVERY,
    body: {
      schema: "WebhookCreate",
      example: { url: "https://mes.plant.example/hooks/processes", kinds: ["updated"], batch: false },
    },
    answers: [
      {
        status: 201,
        schema: "WebhookCreated",
        description: "The subscription and its secret.",
        example: { webhook: EXAMPLE_WEBHOOK, secret: "whsec_…" },
      },
    ],
  },
  "DELETE /api/v1/webhooks/{id}": {
    tag: "Webhooks",
    summary: "Delete a webhook subscription",
    description: "Its deliveries go with it; pending ones are not sent.",
    answers: [{ status: 200, schema: "WebhookDeleted", description: "The deleted subscription." }],
    errors: [1005],
  },
  "GET /api/v1/webhooks/{id}/deliveries": {
    tag: "Webhooks",
    summary: "A subscription's newest deliveries",
    description: "The 50 newest, newest first: status, attempts, the last attempt's HTTP status, reason and time.",
    answers: [
      {
        status: 200,
        schema: "WebhookDeliveryList",
        description: "The deliveries.",
        example: { deliveries: [EXAMPLE_DELIVERY] },
      },
    ],
    errors: [1005],
  },
  "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry": {
    tag: "Webhooks",
    summary: "Retry a failed delivery",
    description:
      "Queues it again now with a new retry window; it goes before the subscription's newer pending deliveries. " +
      "A delivery that is pending or delivered is 1008.",
    parameters: [
      {
        in: "path",
        name: "deliveryId",
        description: "A delivery's `id` as listed; anything else is 1001 with the pointer `/path/deliveryId`.",
        schema: { type: "integer", minimum: 1, maximum: 2147483647 },
      },
    ],
    answers: [{ status: 200, schema: "WebhookDeliveryRetried", description: "The delivery, pending again." }],
    errors: [1005, 1008],
  },
};

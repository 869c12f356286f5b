// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry – queue a failed delivery again
import { parseIdParam } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { retryDelivery } from "@/lib/webhooks/deliveries";

export const POST = withApi<{ id: string; deliveryId: string }>(
  "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
  async (ctx) => {
    const webhookId = parseIdParam(ctx.params.id);
    const deliveryId = parseIdParam(ctx.params.deliveryId, "deliveryId");
    return jsonResponse({ delivery: await retryDelivery({ webhookId, deliveryId }) });
  },
);

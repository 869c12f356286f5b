// GET /api/v1/webhooks/{id}/deliveries – a subscription's newest deliveries, their answers and timings
import { parseIdParam } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { listDeliveries } from "@/lib/webhooks/deliveries";

export const GET = withApi<{ id: string }>("GET /api/v1/webhooks/{id}/deliveries", async (ctx) => {
  const webhookId = parseIdParam(ctx.params.id);
  return jsonResponse({ deliveries: await listDeliveries({ webhookId }) });
});

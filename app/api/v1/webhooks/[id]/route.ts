// DELETE /api/v1/webhooks/{id} – delete a subscription and its deliveries
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseIdParam } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { deleteWebhook } from "@/lib/webhooks/webhooks";

export const DELETE = withApi<{ id: string }>("DELETE /api/v1/webhooks/{id}", async (ctx) => {
  const id = parseIdParam(ctx.params.id);
  return jsonResponse({ webhook: await deleteWebhook({ id, audit: auditSourceOf(ctx) }) });
});

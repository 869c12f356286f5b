// GET /api/v1/webhooks – list webhook subscriptions; POST /api/v1/webhooks – make one (its secret is shown once)
import { auditSourceOf } from "@/lib/api/audit-source";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { createWebhook, listWebhooks } from "@/lib/webhooks/webhooks";
import { webhookCreateSchema } from "@/lib/validations/webhook";

export const GET = withApi("GET /api/v1/webhooks", async () => {
  return jsonResponse({ webhooks: await listWebhooks() });
});

export const POST = withApi("POST /api/v1/webhooks", async (ctx) => {
  const input = await readJson(ctx.request, webhookCreateSchema);
  const createdById = ctx.caller?.kind === "session" ? ctx.caller.userId : undefined;
  return jsonResponse(await createWebhook({ ...input, createdById, audit: auditSourceOf(ctx) }), { status: 201 });
});

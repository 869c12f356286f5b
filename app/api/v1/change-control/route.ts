// GET /api/v1/change-control – the change-control policy in force; PUT /api/v1/change-control – set it (Super user)
import { auditSourceOf } from "@/lib/api/audit-source";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { readChangeControl, saveChangeControl } from "@/lib/change-control/policy";
import { changeControlPolicySchema } from "@/lib/validations/change-control";

export const GET = withApi("GET /api/v1/change-control", async () => {
  return jsonResponse({ policy: await readChangeControl() });
});

export const PUT = withApi("PUT /api/v1/change-control", async (ctx) => {
  const policy = await readJson(ctx.request, changeControlPolicySchema);
  return jsonResponse({ policy: await saveChangeControl({ policy, audit: auditSourceOf(ctx) }) });
});

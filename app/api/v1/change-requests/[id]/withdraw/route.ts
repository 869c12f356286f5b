// POST /api/v1/change-requests/{id}/withdraw – the requester takes a pending request back
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseIdParam } from "@/lib/api/parse-with";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { withdrawChangeRequest } from "@/lib/change-requests/decide-change-request";
import { changeRequestWithdrawSchema } from "@/lib/validations/change-request";

export const POST = withApi<{ id: string }>("POST /api/v1/change-requests/{id}/withdraw", async (ctx) => {
  const id = parseIdParam(ctx.params.id);
  const { reason } = await readJson(ctx.request, changeRequestWithdrawSchema);
  const changeRequest = await withdrawChangeRequest({ id, caller: ctx.caller!, audit: auditSourceOf(ctx), reason });
  return jsonResponse({ changeRequest });
});

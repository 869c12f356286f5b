// POST /api/v1/change-requests/{id}/reject – refuse a pending request with a reason (an approver, not the requester)
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseIdParam } from "@/lib/api/parse-with";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { rejectChangeRequest } from "@/lib/change-requests/decide-change-request";
import { changeRequestRejectSchema } from "@/lib/validations/change-request";

export const POST = withApi<{ id: string }>("POST /api/v1/change-requests/{id}/reject", async (ctx) => {
  const id = parseIdParam(ctx.params.id);
  const { reason, signature } = await readJson(ctx.request, changeRequestRejectSchema);
  const audit = auditSourceOf(ctx);
  const changeRequest = await rejectChangeRequest({ id, caller: ctx.caller!, audit, reason, signature });
  return jsonResponse({ changeRequest });
});

// POST /api/v1/change-requests/{id}/approve – apply a pending request in one transaction (an approver, not the requester)
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseIdParam } from "@/lib/api/parse-with";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { approveChangeRequest } from "@/lib/change-requests/decide-change-request";
import { changeRequestApproveSchema } from "@/lib/validations/change-request";

export const POST = withApi<{ id: string }>("POST /api/v1/change-requests/{id}/approve", async (ctx) => {
  const id = parseIdParam(ctx.params.id);
  const { signature } = await readJson(ctx.request, changeRequestApproveSchema);
  const changeRequest = await approveChangeRequest({ id, caller: ctx.caller!, audit: auditSourceOf(ctx), signature });
  return jsonResponse({ changeRequest });
});

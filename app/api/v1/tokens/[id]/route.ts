// DELETE /api/v1/tokens/{id} – revoke one
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseIdParam } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { revokeToken } from "@/lib/tokens/tokens";

export const DELETE = withApi<{ id: string }>("DELETE /api/v1/tokens/{id}", async (ctx) => {
  const id = parseIdParam(ctx.params.id);
  return jsonResponse({ token: await revokeToken({ id, audit: auditSourceOf(ctx) }) });
});

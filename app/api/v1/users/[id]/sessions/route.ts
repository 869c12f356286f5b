// DELETE /api/v1/users/{id}/sessions – end every session of the user
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseIdParam } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { endSessionsOfUser } from "@/lib/users/manage-user";

export const DELETE = withApi<{ id: string }>("DELETE /api/v1/users/{id}/sessions", async (ctx) => {
  const id = parseIdParam(ctx.params.id);
  return jsonResponse(await endSessionsOfUser({ id }, auditSourceOf(ctx)));
});

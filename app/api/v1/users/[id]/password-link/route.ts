// POST /api/v1/users/{id}/password-link – reset the password: a new one-time link (older ones end)
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseIdParam } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { resetUserPassword } from "@/lib/users/manage-user";

export const POST = withApi<{ id: string }>("POST /api/v1/users/{id}/password-link", async (ctx) => {
  const id = parseIdParam(ctx.params.id);
  return jsonResponse(await resetUserPassword({ id }, auditSourceOf(ctx)), { status: 201 });
});

// PATCH /api/v1/users/{id} – change name, role or disabled; DELETE /api/v1/users/{id} – delete the user
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseIdParam } from "@/lib/api/parse-with";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { changeUser } from "@/lib/users/change-user";
import { deleteUser } from "@/lib/users/manage-user";
import { userPatchSchema } from "@/lib/validations/users";

export const PATCH = withApi<{ id: string }>("PATCH /api/v1/users/{id}", async (ctx) => {
  const id = parseIdParam(ctx.params.id);
  const input = await readJson(ctx.request, userPatchSchema);
  return jsonResponse({ user: await changeUser({ id, ...input }, auditSourceOf(ctx)) });
});

export const DELETE = withApi<{ id: string }>("DELETE /api/v1/users/{id}", async (ctx) => {
  const id = parseIdParam(ctx.params.id);
  return jsonResponse({ user: await deleteUser({ id }, auditSourceOf(ctx)) });
});

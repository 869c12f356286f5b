// GET /api/v1/users – list users; POST /api/v1/users – create a local user (a one-time link or an initial password)
import { auditSourceOf } from "@/lib/api/audit-source";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { createLocalUser } from "@/lib/users/create-local-user";
import { listUsers } from "@/lib/users/list-users";
import { userAddSchema } from "@/lib/validations/users-strength";

export const GET = withApi("GET /api/v1/users", async () => {
  return jsonResponse({ users: await listUsers() });
});

export const POST = withApi("POST /api/v1/users", async (ctx) => {
  const input = await readJson(ctx.request, userAddSchema);
  return jsonResponse(await createLocalUser(input, auditSourceOf(ctx)), { status: 201 });
});

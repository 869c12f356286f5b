// DELETE /api/v1/tokens/{id} – revoke one
import { parseWith } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { revokeToken } from "@/lib/tokens/tokens";
import { tokenIdParamSchema } from "@/lib/validations/token";

export const DELETE = withApi<{ id: string }>("DELETE /api/v1/tokens/{id}", async ({ params }) => {
  return jsonResponse({ token: await revokeToken({ id: parseWith(tokenIdParamSchema, params.id) }) });
});

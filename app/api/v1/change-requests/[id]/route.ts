// GET /api/v1/change-requests/{id} – one change request with its items (proposed values, base versions, before)
import { parseIdParam } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { findChangeRequest } from "@/lib/change-requests/change-request-records";

export const GET = withApi<{ id: string }>("GET /api/v1/change-requests/{id}", async ({ params }) => {
  return jsonResponse({ changeRequest: await findChangeRequest({ id: parseIdParam(params.id) }) });
});

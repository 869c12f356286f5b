// GET /api/v1/change-requests – change requests (four-eyes approval), newest first, ?state= and ?limit=
import { parseWith, singleValuedQuery } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { listChangeRequests } from "@/lib/change-requests/change-request-records";
import { changeRequestQuerySchema } from "@/lib/validations/change-request";

export const GET = withApi("GET /api/v1/change-requests", async ({ request }) => {
  const query = parseWith(changeRequestQuerySchema, singleValuedQuery(request.nextUrl.searchParams));
  return jsonResponse({ changeRequests: await listChangeRequests(query) });
});

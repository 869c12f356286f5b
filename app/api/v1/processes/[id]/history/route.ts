// GET /api/v1/processes/{id}/history – its changes, newest first, paged with ?before=<change id>&limit=
import { parseIdParam, parseWith, singleValuedQuery } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { listProcessHistory } from "@/lib/processes/process-history";
import { historyQuerySchema } from "@/lib/validations/process-history";

export const GET = withApi<{ id: string }>("GET /api/v1/processes/{id}/history", async ({ request, params }) => {
  const processId = parseIdParam(params.id);
  const { before, limit } = parseWith(historyQuerySchema, singleValuedQuery(request.nextUrl.searchParams));
  return jsonResponse({ changes: await listProcessHistory({ processId, before, limit }) });
});

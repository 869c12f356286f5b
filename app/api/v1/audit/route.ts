// GET /api/v1/audit – security events, newest first, filtered (person, action, from, to), paged with cursor + limit
import { parseWith, singleValuedQuery } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { auditQuerySchema } from "@/lib/validations/audit";

export const GET = withApi("GET /api/v1/audit", async ({ request }) => {
  const query = parseWith(auditQuerySchema, singleValuedQuery(request.nextUrl.searchParams));
  return jsonResponse(await listAuditEvents(query));
});

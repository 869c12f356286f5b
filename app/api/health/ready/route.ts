// GET /api/health/ready – readiness: boot finished, the database answers and writes, migrations applied
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { checkReadiness } from "@/lib/db/readiness";
import { errorFields, logger } from "@/lib/logger";

export const GET = withApi("GET /api/health/ready", async ({ requestId }) => {
  const { readiness, errors } = await checkReadiness();
  for (const error of errors) logger.warn("readiness check failed", { requestId, ...errorFields(error) });
  const ready = readiness.status === "ready";
  return jsonResponse(readiness, { status: ready ? 200 : 503, headers: ready ? {} : { "Retry-After": "5" } });
});

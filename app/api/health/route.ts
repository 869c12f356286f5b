// GET /api/health – 200 when the database answers, 503 when it does not (for load balancers); disk usage, trail
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { diskUsage } from "@/lib/db/disk-usage";
import { pingDatabase } from "@/lib/db/ping";
import { errorFields, logger } from "@/lib/logger";
import { trailHealth } from "@/lib/trail/trail-schedule";
import type { Health } from "@/lib/validations/health";

export const GET = withApi("GET /api/health", async ({ requestId }) => {
  const { health: database, error } = await pingDatabase();
  // The answer says only what is wrong; the log keeps the error itself (message, code, stack).
  if (error !== undefined)
    logger.warn("health check failed", { requestId, problem: database.problem, ...errorFields(error) });
  const storage = database.ok ? await diskUsage() : undefined;
  const trail = trailHealth();
  return jsonResponse({ status: database.ok ? "ok" : "unavailable", database, storage, trail } satisfies Health, {
    status: database.ok ? 200 : 503,
    headers: database.ok ? {} : { "Retry-After": "5" },
  });
});

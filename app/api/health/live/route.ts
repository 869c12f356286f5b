// GET /api/health/live – liveness: the process answers (no database involved; restart it when this fails)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import type { Liveness } from "@/lib/validations/health";

export const GET = withApi("GET /api/health/live", async () => jsonResponse({ status: "ok" } satisfies Liveness));

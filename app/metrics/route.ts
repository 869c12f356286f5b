// GET /metrics – Prometheus text format; off unless METRICS_TOKEN or METRICS_ALLOW is set (docs/decisions/038)
import { withApi } from "@/lib/api/with-api";
import { metricsResponse } from "@/lib/metrics/scrape";

export const GET = withApi("GET /metrics", async ({ request, requestId }) => metricsResponse(request, requestId));

// GET /api/bench/ceiling?rows=N – constant JSON shaped like N processes: the framework's own ceiling for
// `npm run bench`. Exists only while BENCH_CEILING_ROUTE is on; 404 otherwise.
import { httpProblem, problemResponse } from "@/lib/api/problem";
import { jsonTextResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const bodies = new Map<number, string>();

function constantBody(rows: number): string {
  let body = bodies.get(rows);
  if (!body) {
    const at = new Date(0).toISOString();
    const processes = Array.from({ length: rows }, (_, i) => ({
      id: i + 1,
      name: `Process ${i + 1}`,
      comment: `comment text for Process ${i + 1}`,
      version: 1,
      createdAt: at,
      updatedAt: at,
    }));
    bodies.set(rows, (body = JSON.stringify({ processes })));
  }
  return body;
}

export const GET = withApi("GET /api/bench/ceiling", async ({ request, requestId }) => {
  if (!env.BENCH_CEILING_ROUTE)
    return problemResponse(httpProblem(404, "No API resource at /api/bench/ceiling", requestId));
  const rows = Number(request.nextUrl.searchParams.get("rows") ?? 100);
  if (!Number.isInteger(rows) || rows < 0 || rows > 10_000) throw new AppError(1001, "rows must be 0 to 10000");
  return jsonTextResponse(constantBody(rows));
});

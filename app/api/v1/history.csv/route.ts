// GET /api/v1/history.csv – the trail of one process or of a period, every change oldest first, as CSV
import { parseWith, singleValuedQuery } from "@/lib/api/parse-with";
import { withApi } from "@/lib/api/with-api";
import { trailCsvStream } from "@/lib/trail/trail-csv";
import { trailExportQuerySchema } from "@/lib/validations/trail-export";

export const GET = withApi("GET /api/v1/history.csv", async ({ request }) => {
  const filter = parseWith(trailExportQuerySchema, singleValuedQuery(request.nextUrl.searchParams));
  const day = new Date().toISOString().slice(0, 10);
  const subject = filter.processId === undefined ? "all" : `process-${filter.processId}`;
  return new Response(trailCsvStream(filter), {
    headers: {
      "Content-Type": "text/csv; charset=UTF-8",
      "Content-Disposition": `attachment; filename="history-${subject}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

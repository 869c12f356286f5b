// GET /api/v1/audit.csv – every security event matching the filter (person, action, from, to) as CSV, streamed
import { parseWith, singleValuedQuery } from "@/lib/api/parse-with";
import { withApi } from "@/lib/api/with-api";
import { auditCsvStream } from "@/lib/audit/audit-csv";
import { auditFilterSchema } from "@/lib/validations/audit";

export const GET = withApi("GET /api/v1/audit.csv", async ({ request }) => {
  const filter = parseWith(auditFilterSchema, singleValuedQuery(request.nextUrl.searchParams));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditCsvStream(filter), {
    headers: {
      "Content-Type": "text/csv; charset=UTF-8",
      "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

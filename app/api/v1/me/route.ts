// GET /api/v1/me – who is calling, with their role as it is now (the page polls it: docs/decisions/024)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { callerSummary } from "@/lib/auth/caller-summary";

export const GET = withApi("GET /api/v1/me", async ({ caller }) => {
  return jsonResponse(callerSummary(caller!));
});

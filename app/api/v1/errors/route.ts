// GET /api/v1/errors – the error code table (the `type` of every problem answer points here)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { ERROR_CODES } from "@/lib/errors";

export const GET = withApi("GET /api/v1/errors", async () => {
  const errors = Object.entries(ERROR_CODES).map(([code, e]) => ({ code: Number(code), ...e }));
  return jsonResponse({ errors });
});

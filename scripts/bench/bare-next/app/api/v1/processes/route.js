// GET /api/v1/processes – the bench's ceiling: the project's list, as the project answered it, from the
// file BARE_BODY_FILE names (read once). No auth, no database, no middleware.
import { readFileSync } from "node:fs";

let body;

export function GET() {
  body ??= readFileSync(process.env.BARE_BODY_FILE, "utf8");
  return new Response(body, {
    headers: { "Content-Type": "application/json; charset=UTF-8", "Cache-Control": "no-store" },
  });
}

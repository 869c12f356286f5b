// GET /api/v1/account/sessions – one's own sessions (browser, address, started, last seen), this one marked
import { jsonResponse } from "@/lib/api/respond";
import { sessionCallerOf } from "@/lib/api/session-caller";
import { withApi } from "@/lib/api/with-api";
import { listAccountSessions } from "@/lib/account/account-sessions";

export const GET = withApi("GET /api/v1/account/sessions", async (ctx) => {
  const caller = sessionCallerOf(ctx);
  return jsonResponse({ sessions: await listAccountSessions({ userId: caller.userId, currentId: caller.sessionId }) });
});

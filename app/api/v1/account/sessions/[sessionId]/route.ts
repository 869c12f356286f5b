// DELETE /api/v1/account/sessions/{sessionId} – end one of one's own sessions (this one: a sign-out)
import { auditSourceOf } from "@/lib/api/audit-source";
import { parseWith } from "@/lib/api/parse-with";
import { jsonResponse } from "@/lib/api/respond";
import { sessionCallerOf } from "@/lib/api/session-caller";
import { withApi } from "@/lib/api/with-api";
import { endAccountSession } from "@/lib/account/account-sessions";
import { sessionIdParamSchema } from "@/lib/validations/account";

export const DELETE = withApi<{ sessionId: string }>("DELETE /api/v1/account/sessions/{sessionId}", async (ctx) => {
  const caller = sessionCallerOf(ctx);
  const { sessionId } = parseWith(sessionIdParamSchema, { path: ctx.params }).path;
  const session = await endAccountSession({
    userId: caller.userId,
    sessionId,
    currentId: caller.sessionId,
    audit: auditSourceOf(ctx),
  });
  return jsonResponse({ session });
});

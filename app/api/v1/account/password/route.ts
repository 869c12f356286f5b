// PUT /api/v1/account/password – change one's own password (the current one required); ends one's other sessions
import { auditSourceOf } from "@/lib/api/audit-source";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { sessionCallerOf } from "@/lib/api/session-caller";
import { withApi } from "@/lib/api/with-api";
import { changeOwnPassword } from "@/lib/account/change-password";
import { passwordChangeWithStrengthFor } from "@/lib/validations/password";

export const PUT = withApi("PUT /api/v1/account/password", async (ctx) => {
  const caller = sessionCallerOf(ctx);
  const input = await readJson(ctx.request, passwordChangeWithStrengthFor({ email: caller.email }));
  const result = await changeOwnPassword({
    userId: caller.userId,
    currentId: caller.sessionId,
    ...input,
    audit: auditSourceOf(ctx),
  });
  return jsonResponse(result);
});

// GET /api/v1/account – one's own account; PATCH /api/v1/account – one's language (and the page's cookie for it)
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { sessionCallerOf } from "@/lib/api/session-caller";
import { withApi } from "@/lib/api/with-api";
import { getAccount, updateAccount } from "@/lib/account/account";
import { localeSetCookie } from "@/lib/i18n/locale";
import { accountUpdateSchema } from "@/lib/validations/account";

export const GET = withApi("GET /api/v1/account", async (ctx) => {
  return jsonResponse({ account: await getAccount({ userId: sessionCallerOf(ctx).userId }) });
});

export const PATCH = withApi("PATCH /api/v1/account", async (ctx) => {
  const input = await readJson(ctx.request, accountUpdateSchema);
  const account = await updateAccount({ userId: sessionCallerOf(ctx).userId, ...input });
  return jsonResponse({ account }, { headers: { "Set-Cookie": localeSetCookie(account.locale) } });
});

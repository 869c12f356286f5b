// PUT /api/v1/presence/{page} – this open page and the rows it edits; DELETE – the page left
import { parseWith } from "@/lib/api/parse-with";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { API_ROUTES } from "@/lib/api/routes";
import { sessionCallerOf } from "@/lib/api/session-caller";
import { withApi } from "@/lib/api/with-api";
import { wakePresence } from "@/lib/presence/presence-feed";
import { leavePresencePage, touchPresencePage, TTL_MS } from "@/lib/presence/presence-pages";
import { presencePageParamSchema, presenceUpdateSchema } from "@/lib/validations/presence";

type Params = { page: string };
const WRITERS: readonly string[] = API_ROUTES["PUT /api/v1/processes/{id}"];

export const PUT = withApi<Params>("PUT /api/v1/presence/{page}", async (ctx) => {
  const caller = sessionCallerOf(ctx);
  const { page } = parseWith(presencePageParamSchema, { path: ctx.params }).path;
  const { editing } = await readJson(ctx.request, presenceUpdateSchema);
  // Someone who may not change processes edits none, whatever their page says.
  const rows = WRITERS.includes(caller.role) ? editing : [];
  await touchPresencePage({ userId: caller.userId, pageId: page, editing: rows });
  wakePresence();
  return jsonResponse({ userId: caller.userId, ttlSeconds: TTL_MS / 1000 });
});

export const DELETE = withApi<Params>("DELETE /api/v1/presence/{page}", async (ctx) => {
  const caller = sessionCallerOf(ctx);
  const { page } = parseWith(presencePageParamSchema, { path: ctx.params }).path;
  await leavePresencePage({ userId: caller.userId, pageId: page });
  wakePresence();
  return jsonResponse({ userId: caller.userId, ttlSeconds: TTL_MS / 1000 });
});

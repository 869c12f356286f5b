// GET /api/v1/tokens – list API tokens; POST /api/v1/tokens – create one (its secret is shown once)
import { auditSourceOf } from "@/lib/api/audit-source";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { createToken, listTokens, tokenCreatorId } from "@/lib/tokens/tokens";
import { tokenCreateSchema } from "@/lib/validations/token";

export const GET = withApi("GET /api/v1/tokens", async () => {
  return jsonResponse({ tokens: await listTokens() });
});

export const POST = withApi("POST /api/v1/tokens", async (ctx) => {
  const input = await readJson(ctx.request, tokenCreateSchema);
  const createdById = await tokenCreatorId(ctx.caller);
  return jsonResponse(await createToken({ ...input, createdById, audit: auditSourceOf(ctx) }), { status: 201 });
});

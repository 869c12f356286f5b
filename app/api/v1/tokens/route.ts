// GET /api/v1/tokens – list API tokens; POST /api/v1/tokens – create one (its secret is shown once)
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { createToken, listTokens } from "@/lib/tokens/tokens";
import { tokenCreateSchema } from "@/lib/validations/token";

export const GET = withApi("GET /api/v1/tokens", async () => {
  return jsonResponse({ tokens: await listTokens() });
});

export const POST = withApi("POST /api/v1/tokens", async ({ request, caller }) => {
  const input = await readJson(request, tokenCreateSchema);
  const createdById = caller?.kind === "session" ? caller.userId : undefined;
  return jsonResponse(await createToken({ ...input, createdById }), { status: 201 });
});

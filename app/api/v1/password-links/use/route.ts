// POST /api/v1/password-links/use – set one's password through a one-time link (public); then sign in
import { takeLinkAttempt } from "@/lib/api/link-attempts";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { usePasswordLink } from "@/lib/users/password-links";
import { passwordLinkUseSchema } from "@/lib/validations/users-strength";

export const POST = withApi("POST /api/v1/password-links/use", async ({ request, requestId }) => {
  await takeLinkAttempt(request);
  const input = await readJson(request, passwordLinkUseSchema);
  const ip = clientIpFromHeaders((n) => request.headers.get(n));
  return jsonResponse(await usePasswordLink({ ...input, ip, requestId }));
});

// POST /api/v1/password-links/check – whom a one-time set-password link is for, while it is valid (public)
import { takeLinkAttempt } from "@/lib/api/link-attempts";
import { readJson } from "@/lib/api/read-json";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { checkPasswordLink } from "@/lib/users/password-links";
import { passwordLinkCheckSchema } from "@/lib/validations/users";

export const POST = withApi("POST /api/v1/password-links/check", async ({ request }) => {
  await takeLinkAttempt(request);
  return jsonResponse(await checkPasswordLink(await readJson(request, passwordLinkCheckSchema)));
});

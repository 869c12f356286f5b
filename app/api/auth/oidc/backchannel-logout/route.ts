// POST /api/auth/oidc/backchannel-logout – OIDC back-channel logout: the provider ends the sessions it started
import { withApi } from "@/lib/api/with-api";
import { acceptLogoutToken, logoutTokenOf } from "@/lib/auth/oidc/back-channel";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";

export const POST = withApi("POST /api/auth/oidc/backchannel-logout", async ({ request, requestId }) => {
  const token = await logoutTokenOf(request);
  await acceptLogoutToken({ token, ip: clientIpFromHeaders((n) => request.headers.get(n)), requestId });
  // OpenID Connect Back-Channel Logout 1.0, section 2.8: 200 and never cached.
  return new Response(null, { status: 200, headers: { "Cache-Control": "no-store" } });
});

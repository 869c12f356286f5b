import "server-only";
import type { ApiContext } from "@/lib/api/with-api";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { AppError } from "@/lib/errors";
import { actorOf } from "@/lib/processes/actor";
import type { UserChangeContext } from "@/lib/users/user-records";

/** Who makes a change through the API, and from where, as the audit log records it. */
export function changeContextOf(ctx: ApiContext<unknown>): UserChangeContext {
  if (!ctx.caller) throw new AppError(2004, "No access token or session was sent");
  return {
    actor: actorOf(ctx.caller),
    ip: clientIpFromHeaders((n) => ctx.request.headers.get(n)),
    requestId: ctx.requestId,
  };
}

import "server-only";
import type { ApiContext } from "@/lib/api/with-api";
import type { AuditSource } from "@/lib/audit/record-audit";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { actorOf } from "@/lib/processes/actor";

/** Who made an API request's change, from where, in which request: what its audit event records. */
export function auditSourceOf(ctx: Pick<ApiContext<unknown>, "request" | "caller" | "requestId">): AuditSource {
  const ip = clientIpFromHeaders((name) => ctx.request.headers.get(name));
  return {
    // Only public routes have no caller, and none of them changes anything.
    actor: ctx.caller ? actorOf(ctx.caller) : { type: "anonymous", id: null, name: null },
    ip: ip === "unknown" ? null : ip,
    requestId: ctx.requestId,
  };
}

import "server-only";
import type { Caller } from "@/lib/auth/caller-type";
import type { Me } from "@/lib/validations/me";

/** The caller as GET /api/v1/me answers it: never a secret. */
export function callerSummary(caller: Caller): Me {
  return caller.kind === "session"
    ? { type: "user", id: caller.userId, name: caller.email, role: caller.role }
    : { type: "token", id: caller.tokenId, name: caller.tokenName, role: caller.role };
}

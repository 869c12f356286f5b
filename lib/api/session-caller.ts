import "server-only";
import type { Caller } from "@/lib/auth/caller-type";

type SessionCaller = Extract<Caller, { kind: "session" }>;

/** The caller of a session-only route (lib/api/routes.ts SESSION_ONLY: the wrapper has refused anyone else). */
export function sessionCallerOf(ctx: { caller: Caller | null }): SessionCaller {
  if (ctx.caller?.kind !== "session") throw new Error("a session-only route was reached without a session");
  return ctx.caller;
}

import "server-only";
import type { Role } from "@/lib/auth/roles";
import { env } from "@/lib/env";

// LOCAL_SIGN_IN: where people sign in through the directory, local accounts stay for a break-glass Super user
// (the directory down, the mapping wrong). "all": every local account; "super-users": only Super users; "off": none.

/** True when the local email-and-password form is offered at all. */
export const localSignInOffered = (): boolean => env.LOCAL_SIGN_IN !== "off";

/** True when a local user of this role may sign in with their password. */
export function localSignInAllowed(role: Role): boolean {
  if (env.LOCAL_SIGN_IN === "off") return false;
  return env.LOCAL_SIGN_IN === "all" || role === "Super user";
}

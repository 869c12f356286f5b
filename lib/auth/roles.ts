import { z } from "zod";

/** Roles as the product's user pages name them, least to most privileged. */
export const ROLES = ["User", "Advanced user", "Super user"] as const;

export const roleSchema = z.enum(ROLES, { error: `must be one of: ${ROLES.join(", ")}` });

export type Role = z.infer<typeof roleSchema>;

/** The most privileged of the roles; null for none (a directory's groups, a provider's claims). */
export function highestRole(roles: Iterable<Role>): Role | null {
  let best = -1;
  for (const role of roles) best = Math.max(best, ROLES.indexOf(role));
  return best < 0 ? null : ROLES[best]!;
}

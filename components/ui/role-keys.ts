import type { Role } from "@/lib/auth/roles";

/** A role's name in the catalogs (`common.roles`); the API and the database keep the English names. */
export const ROLE_KEYS = {
  "Super user": "superUser",
  "Advanced user": "advancedUser",
  User: "user",
} as const satisfies Record<Role, string>;

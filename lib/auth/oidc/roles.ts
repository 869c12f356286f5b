import { highestRole, type Role } from "@/lib/auth/roles";
import type { RoleMapping } from "@/lib/env-rules";

// The role a provider's claims give (OIDC_ROLE_CLAIM, OIDC_ROLE_MAP): pure, so that every case is a table row.

/**
 * The claim's values: the claim named as a whole first (namespaced claims such as
 * `https://plant.example/roles` hold dots), else the dotted path (`realm_access.roles`). A string is one
 * value, an array its string members; anything else is none.
 */
export function claimValues(claims: Record<string, unknown>, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes(".")) {
    value = claim.split(".").reduce<unknown>((node, key) => {
      if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
      return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    }, claims);
  }
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** The highest role any of the claim's values maps to; null when none maps (the sign-in is refused). */
export function roleFromClaims(
  claims: Record<string, unknown>,
  claim: string,
  map: readonly RoleMapping[],
): Role | null {
  const values = new Set(claimValues(claims, claim));
  return highestRole(map.filter(({ value }) => values.has(value)).map(({ role }) => role));
}

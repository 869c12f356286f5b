import { highestRole, ROLES, type Role } from "@/lib/auth/roles";

// LDAP_GROUP_ROLES: which directory groups give which of the three roles, as
// `cn=plant-admins,ou=groups,dc=example,dc=com=Super user;cn=…=User`. A DN holds `=` itself, so each item is
// split at its last `=`. Group DNs are compared in a normal form: attribute types and values lower-cased,
// spaces around `,` `=` `+` removed (AD and OpenLDAP compare group names case-insensitively).

export type GroupRoles = ReadonlyMap<string, Role>;

/** Splits at unescaped occurrences of `separator` (a `\` escapes the next character, as in DNs). */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) {
      current += c + text[++i];
    } else if (c === separator) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** The DN in the form used to compare group names: null when it is not a DN (an RDN without `=`). */
export function normalizeDn(dn: string): string | null {
  const rdns = splitUnescaped(dn.trim(), ",").map((rdn) =>
    splitUnescaped(rdn, "+").map((ava) => {
      const i = ava.indexOf("=");
      if (i <= 0) return null;
      const type = ava.slice(0, i).trim().toLowerCase();
      const value = ava
        .slice(i + 1)
        .trim()
        .toLowerCase();
      return type && value ? `${type}=${value}` : null;
    }),
  );
  if (rdns.length === 0 || rdns.some((avas) => avas.some((a) => a === null))) return null;
  return rdns.map((avas) => avas.join("+")).join(",");
}

export type GroupRolesParse = { mapping: GroupRoles } | { problems: string[] };

export function parseGroupRoles(text: string): GroupRolesParse {
  const mapping = new Map<string, Role>();
  const problems: string[] = [];
  for (const item of splitUnescaped(text, ";").map((s) => s.trim())) {
    if (!item) continue;
    const at = item.lastIndexOf("=");
    const role = item.slice(at + 1).trim();
    const dn = at > 0 ? normalizeDn(item.slice(0, at)) : null;
    if (!dn || !(ROLES as readonly string[]).includes(role)) {
      problems.push(`"${item}" is not <group DN>=<${ROLES.join(" | ")}>`);
      continue;
    }
    const before = mapping.get(dn);
    mapping.set(dn, before ? highestRole([before, role as Role])! : (role as Role));
  }
  if (problems.length === 0 && mapping.size === 0) problems.push("names no group");
  return problems.length > 0 ? { problems } : { mapping };
}

/** The role the user's groups give: the highest of every mapped group they are in; null when none is mapped. */
export function roleForGroups(groupDns: Iterable<string>, mapping: GroupRoles): Role | null {
  const roles: Role[] = [];
  for (const dn of groupDns) {
    const role = mapping.get(normalizeDn(dn) ?? "");
    if (role) roles.push(role);
  }
  return highestRole(roles);
}

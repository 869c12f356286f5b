import { existsSync } from "node:fs";
import { z } from "zod";
import { isBalancedFilter } from "@/lib/auth/ldap/ldap-filter";
import { normalizeDn, parseGroupRoles } from "@/lib/auth/ldap/group-roles";
import { ROLES, roleSchema, type Role } from "@/lib/auth/roles";
import { canonicalIp, parseIpRanges, type IpRanges } from "@/lib/net/ip";
import { parseTargetAllowList, type TargetAllowList } from "@/lib/net/target-allow";

// The shapes of settings: each failure message says what is allowed, since the start prints it beside the name.

export const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
    error: "must be one of true, false, 1, 0, yes, no, on, off",
  })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

export const positiveInt = z.coerce
  .number({ error: "must be a whole number above 0" })
  .int({ error: "must be a whole number above 0" })
  .positive({ error: "must be a whole number above 0" });

/** A duration such as 90s, 30m, 6h or 1d, as milliseconds; at least `minSeconds`. */
export const duration = (minSeconds: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,5}[smhd]$/, { error: "must be a number and a unit, such as 30m, 6h or 1d (s, m, h, d)" })
    .transform((v) => Number(v.slice(0, -1)) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[v.at(-1)!]!)
    .refine((ms) => ms >= minSeconds * 1_000, { error: `must be at least ${minSeconds} seconds` });

export const port = z.coerce
  .number({ error: "must be a port number from 1 to 65535" })
  .int({ error: "must be a port number from 1 to 65535" })
  .min(1, { error: "must be a port number from 1 to 65535" })
  .max(65535, { error: "must be a port number from 1 to 65535" });

// Host name labels; "_" is allowed too, since some machines are named so (the listen itself fails if unknown).
const DNS_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/;

/** The address to listen on: an IP address or a host name of this machine. */
export const listenHost = z.string().refine((v) => canonicalIp(v) !== null || DNS_NAME.test(v), {
  error: "must be an IP address (such as 0.0.0.0, 127.0.0.1 or ::) or a host name of this machine",
});

/** A public origin (scheme, host, port): what the browser puts in `Origin`. */
export function publicOrigin(options: { allowPath: boolean }) {
  const message =
    "must be the public origin the app is served at, such as https://processes.plant.example " +
    `(http or https${options.allowPath ? "" : ", no path"})`;
  return z.string().transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    const bare = !url.username && !url.password && !url.search && !url.hash;
    const pathOk = options.allowPath || url.pathname === "/";
    if (!["http:", "https:"].includes(url.protocol) || !bare || !pathOk) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return url.origin;
  });
}

export const ipRanges = z.string().transform((value, ctx): IpRanges => {
  const parsed = parseIpRanges(value);
  if ("ranges" in parsed) return parsed.ranges;
  for (const problem of parsed.problems) ctx.addIssue({ code: "custom", message: problem });
  return z.NEVER;
});

export const targetAllowList = z.string().transform((value, ctx): TargetAllowList => {
  const parsed = parseTargetAllowList(value);
  if ("allow" in parsed) return parsed.allow;
  for (const problem of parsed.problems) ctx.addIssue({ code: "custom", message: problem });
  return z.NEVER;
});

const mqttUrl = z.string().refine((v) => /^(mqtts?|wss?):\/\/[^/\s]+/.test(v), {
  error: "must be a broker URL such as mqtt://broker.plant.example:1883 or mqtts://…:8883",
});

// Webhooks and MQTT (issue 26, docs/decisions/041 and 042).
export const deliverySettings = {
  WEBHOOK_ALLOW: targetAllowList.prefault(""),
  WEBHOOK_TIMEOUT_MS: positiveInt
    .max(60_000, { error: "must be a whole number of milliseconds up to 60000" })
    .default(10_000),
  WEBHOOK_RETRY_FOR_SECONDS: positiveInt.default(86_400),
  WEBHOOK_RETRY_MAX_DELAY_SECONDS: positiveInt.default(300),
  MQTT_URL: mqttUrl.optional(),
  MQTT_TOPIC_PREFIX: z
    .string()
    .regex(/^[^#+\s\0]{1,200}$/, { error: "must be a topic prefix without +, # or spaces, such as plant/processes" })
    .transform((v) => v.replace(/\/+$/, ""))
    .default("plant/processes"),
  MQTT_USERNAME: z.string().min(1).optional(),
  MQTT_PASSWORD: z.string().min(1).optional(),
};

// Directory sign-in (LDAP / Active Directory, docs/decisions/026). Off while LDAP_URL is unset.
const DEFAULT_USER_FILTER = "(|(sAMAccountName={login})(mail={login}))";
const DEFAULT_GROUP_FILTER = "(|(member={dn})(uniqueMember={dn}))";

const filterTemplate = (placeholder: string) =>
  z.string().refine((v) => v.includes(`{${placeholder}}`) && isBalancedFilter(v), {
    error: `must be one parenthesized LDAP filter naming {${placeholder}}, such as ${
      placeholder === "login" ? DEFAULT_USER_FILTER : DEFAULT_GROUP_FILTER
    }`,
  });

const groupRoles = z.string().transform((value, ctx) => {
  const parsed = parseGroupRoles(value);
  if ("mapping" in parsed) return parsed.mapping;
  for (const problem of parsed.problems)
    ctx.addIssue({ code: "custom", message: `must be <group DN>=<role>;…: ${problem}` });
  return z.NEVER;
});

const dn = z.string().refine((v) => normalizeDn(v) !== null, { error: "must be a DN, such as dc=example,dc=com" });

export const ldapSettings = {
  LDAP_URL: z
    .string()
    .regex(/^ldaps?:\/\/[^/?#\s]+\/?$/i, { error: "must be ldap://host[:port] or ldaps://host[:port]" })
    .optional(),
  LDAP_START_TLS: bool.default(false),
  LDAP_CA_FILE: z
    .string()
    .refine((v) => existsSync(v), {
      error: "must be a readable PEM file of the CA that signed the directory's certificate",
    })
    .optional(),
  LDAP_BIND_DN: dn.optional(),
  LDAP_BIND_PASSWORD: z.string().optional(),
  LDAP_USER_BASE_DN: dn.optional(),
  LDAP_USER_FILTER: filterTemplate("login").default(DEFAULT_USER_FILTER),
  LDAP_GROUP_BASE_DN: dn.optional(),
  LDAP_GROUP_FILTER: filterTemplate("dn").default(DEFAULT_GROUP_FILTER),
  LDAP_GROUP_ROLES: groupRoles.optional(),
  // One directory sign-in (or re-check) in all, connection included: an unreachable directory is told within this.
  LDAP_TIMEOUT_MS: positiveInt
    .max(60_000, { error: "must be a whole number of milliseconds up to 60000" })
    .default(4_000),
  LDAP_RECHECK_SECONDS: positiveInt.default(300),
  // Local accounts (email and password in this app) stay as break-glass: all of them, Super users only, or none.
  LOCAL_SIGN_IN: z.enum(["all", "super-users", "off"], { error: "must be all, super-users or off" }).default("all"),
};

type LdapSettings = {
  LDAP_URL?: string;
  /** Single sign-on is the other way in: with it, local sign-in may be off without LDAP. */
  OIDC_ISSUER?: string;
  LOCAL_SIGN_IN: string;
  LDAP_START_TLS: boolean;
  LDAP_BIND_DN?: string;
  LDAP_BIND_PASSWORD?: string;
  LDAP_USER_BASE_DN?: string;
  LDAP_GROUP_ROLES?: unknown;
};

/** What the directory settings lack together; each line names the variable. */
export function ldapProblems(settings: LdapSettings): string[] {
  if (!settings.LDAP_URL)
    return settings.LOCAL_SIGN_IN === "off" && !settings.OIDC_ISSUER
      ? [
          "LOCAL_SIGN_IN: off leaves no way to sign in without directory sign-in or single sign-on (set LDAP_URL or OIDC_ISSUER, or all / super-users)",
        ]
      : [];
  const problems: string[] = [];
  if (!settings.LDAP_USER_BASE_DN)
    problems.push(
      "LDAP_USER_BASE_DN: required with LDAP_URL: where users are searched, such as ou=people,dc=example,dc=com",
    );
  if (!settings.LDAP_GROUP_ROLES)
    problems.push(
      "LDAP_GROUP_ROLES: required with LDAP_URL: <group DN>=<role>;… (roles: User, Advanced user, Super user)",
    );
  if ((settings.LDAP_BIND_DN === undefined) !== (settings.LDAP_BIND_PASSWORD === undefined))
    problems.push("LDAP_BIND_DN: LDAP_BIND_DN and LDAP_BIND_PASSWORD go together (the service account that searches)");
  if (settings.LDAP_START_TLS && /^ldaps:/i.test(settings.LDAP_URL))
    problems.push("LDAP_START_TLS: ldaps:// is TLS already; StartTLS goes with ldap://");
  return problems;
}

// Single sign-on (OIDC): the role map and the claim it reads (lib/auth/oidc/roles.ts applies them).

/** One claim value and the role it gives, as OIDC_ROLE_MAP lists them. */
export type RoleMapping = { value: string; role: Role };

const ROLE_MAP_MESSAGE =
  `must be claim values and roles as value=role, separated by ";" (roles: ${ROLES.join(", ")}), ` +
  "such as plant-admin=Super user;plant-operator=User";

/** `plant-admin=Super user;plant-lead=Advanced user`: split at the last "=" (a group's DN may hold one). */
export const roleMap = z.string().transform((text, ctx): RoleMapping[] => {
  const entries = text
    .split(";")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const mappings: RoleMapping[] = [];
  for (const entry of entries) {
    const at = entry.lastIndexOf("=");
    const value = entry.slice(0, at).trim();
    const role = roleSchema.safeParse(entry.slice(at + 1).trim());
    if (at < 1 || !value || !role.success || mappings.some((m) => m.value === value)) {
      ctx.addIssue({ code: "custom", message: `${ROLE_MAP_MESSAGE} ("${entry}" is not)` });
      return z.NEVER;
    }
    mappings.push({ value, role: role.data });
  }
  if (mappings.length === 0) {
    ctx.addIssue({ code: "custom", message: ROLE_MAP_MESSAGE });
    return z.NEVER;
  }
  return mappings;
});

/** The issuer's URL as the provider names itself (`iss`): compared exactly, so kept as written. */
export const issuerUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return ["http:", "https:"].includes(url.protocol) && !url.search && !url.hash && !url.username;
    } catch {
      return false;
    }
  },
  { error: "must be the provider's issuer URL, such as https://login.plant.example/realms/plant (no query)" },
);

/** Space-separated scopes; openid is required for an ID token. */
export const scopes = z
  .string()
  .transform((value) => value.trim().split(/\s+/).join(" "))
  .refine((value) => value.split(" ").includes("openid"), {
    error: 'must be space-separated scopes including "openid"',
  });

/** Settings that only make sense together: the provider is configured by all of them or by none. */
export function oidcSettingProblems(values: Record<string, unknown>): string[] {
  const required = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ROLE_MAP"];
  const given = required.filter((name) => values[name] !== undefined);
  if (given.length === 0 || given.length === required.length) return [];
  return required
    .filter((name) => values[name] === undefined)
    .map((name) => `${name}: required with ${given.join(", ")} (single sign-on needs all of ${required.join(", ")})`);
}

/**
 * CHANGE_REASONS: the plant's standard reasons for a change, separated by `;` (each 1–500 characters, one line,
 * at most 50), offered on the page's reason prompt until a Super user edits the list.
 */
export const reasonList = z
  .string()
  .transform((text) =>
    text
      .split(";")
      .map((r) => r.trim())
      .filter((r) => r.length > 0),
  )
  .refine((list) => list.length <= 50, { error: "must list at most 50 reasons, separated by ;" })
  .refine((list) => list.every((r) => Array.from(r).length <= 500 && !/[\u0000-\u001f\u007f-\u009f]/.test(r)), {
    error: "each reason must be one line of at most 500 characters",
  });

/** CHANGE_PROTECTED: none, all, or process ids separated by commas (the processes under four-eyes rules). */
export const protectedSetting = z
  .string()
  .regex(/^(none|all|[1-9]\d{0,9}(\s*,\s*[1-9]\d{0,9})*)$/, {
    error: "must be none, all, or process ids separated by commas",
  })
  .transform((text): { protection: "none" | "all" | "listed"; ids: number[] } =>
    text === "none" || text === "all"
      ? { protection: text, ids: [] }
      : { protection: "listed", ids: [...new Set(text.split(",").map((id) => Number(id.trim())))] },
  )
  .refine((value) => value.ids.every((id) => id <= 2_147_483_647), { error: "ids must be at most 2147483647" });

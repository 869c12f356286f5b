import { ROLES, type Role } from "@/lib/auth/roles";

/** `key` names the section's label in the catalogs (`shell.sections`). */
export type SettingsSection = {
  href: string;
  key: "processes" | "apiTokens" | "webhooks" | "users" | "audit" | "changeControl" | "changeRequests" | "account";
  roles: readonly Role[];
};

/**
 * The settings side navigation. The product also has Users, Units, States, Products and Alerting channels;
 * each joins as one entry here once its page exists.
 */
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { href: "/settings/processes", key: "processes", roles: ROLES },
  { href: "/settings/api-tokens", key: "apiTokens", roles: ["Super user"] },
  { href: "/settings/webhooks", key: "webhooks", roles: ["Super user"] },
  { href: "/settings/users", key: "users", roles: ["Super user"] },
  { href: "/settings/audit", key: "audit", roles: ["Super user"] },
  { href: "/settings/change-control", key: "changeControl", roles: ["Super user"] },
  { href: "/settings/change-requests", key: "changeRequests", roles: ROLES },
  { href: "/settings/account", key: "account", roles: ROLES },
];

export const sectionsFor = (role: Role) => SETTINGS_SECTIONS.filter((s) => s.roles.includes(role));

import { ROLES, type Role } from "@/lib/auth/roles";

export type SettingsSection = { href: string; label: string; roles: readonly Role[] };

/**
 * The settings side navigation. The product also has Users, Units, States, Products and Alerting channels;
 * each joins as one entry here once its page exists.
 */
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { href: "/settings/processes", label: "Processes", roles: ROLES },
  { href: "/settings/api-tokens", label: "API tokens", roles: ["Super user"] },
];

export const sectionsFor = (role: Role) => SETTINGS_SECTIONS.filter((s) => s.roles.includes(role));

"use client";

import { useTranslations } from "next-intl";
import type { Role } from "@/lib/auth/roles";
import { ROLE_KEYS } from "./role-keys";

/** A role as the operator's language names it. */
export function useRoleName(): (role: Role) => string {
  const t = useTranslations("common.roles");
  return (role) => t(ROLE_KEYS[role]);
}

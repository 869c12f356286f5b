"use client";

import { useTranslations } from "next-intl";
import { useNotify } from "@/components/feedback/toaster";
import { useRoleName } from "@/components/ui/use-role-name";
import { ROLES, type Role } from "@/lib/auth/roles";
import { usePatchUser } from "@/lib/query/users";
import type { UserSummary } from "@/lib/validations/users";
import { failureText } from "./failure-text";
import styles from "./users.module.css";

/** A local user's role as a select that saves at once; a directory user's role as text (the directory decides). */
export function RoleCell({ user, self, label }: { user: UserSummary; self: boolean; label: string }) {
  const t = useTranslations("users");
  const roleName = useRoleName();
  const notify = useNotify();
  const patch = usePatchUser();
  if (user.source !== "local")
    return (
      <span title={t("directoryRole")}>
        {label} <span className={styles.muted}>({t("directoryRole")})</span>
      </span>
    );
  const onChange = (role: Role) => {
    // A clear refusal, not a silent no-op: the server would refuse it too (1008).
    if (self) return notify("error", t("refusedSelf"));
    patch.mutate(
      { id: user.id, role },
      {
        onSuccess: () => notify("success", t("changed", { email: user.email })),
        onError: (error) => notify("error", failureText(t, error)),
      },
    );
  };
  return (
    <select
      className={styles.input}
      aria-label={t("roleOf", { email: user.email })}
      value={user.role}
      disabled={patch.isPending}
      onChange={(e) => onChange(e.target.value as Role)}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {roleName(r)}
        </option>
      ))}
    </select>
  );
}

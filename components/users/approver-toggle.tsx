"use client";

import { useTranslations } from "next-intl";
import { useNotify } from "@/components/feedback/toaster";
import { usePatchUser } from "@/lib/query/users";
import type { UserSummary } from "@/lib/validations/users";
import { failureText } from "./failure-text";
import styles from "./users.module.css";

/**
 * The approver right (four-eyes approval, docs/decisions/043): saved at once, each change in the security log.
 * Super users decide change requests without it, so they get no box.
 */
export function ApproverToggle({ user }: { user: UserSummary }) {
  const t = useTranslations("users");
  const notify = useNotify();
  const patch = usePatchUser();
  if (user.role === "Super user") return null;
  return (
    <label className={styles.muted}>
      <input
        type="checkbox"
        checked={user.approver === true}
        disabled={patch.isPending}
        aria-label={t("approverOf", { email: user.email })}
        onChange={(e) =>
          patch.mutate(
            { id: user.id, approver: e.target.checked },
            {
              onSuccess: () => notify("success", t("changed", { email: user.email })),
              onError: (error) => notify("error", failureText(t, error)),
            },
          )
        }
      />{" "}
      {t("approver")}
    </label>
  );
}

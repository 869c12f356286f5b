"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useNotify } from "@/components/feedback/toaster";
import { useDeleteUser, useEndSessions, usePatchUser, useResetPassword } from "@/lib/query/users";
import type { PasswordLink, UserSummary } from "@/lib/validations/users";
import { ConfirmDialog } from "./confirm-dialog";
import { failureText } from "./failure-text";
import styles from "./users.module.css";

type Action = "disable" | "delete" | "endSessions" | "resetPassword";
type Props = { user: UserSummary; self: boolean; onLink: (created: { email: string; link: PasswordLink }) => void };

/** A user's actions; the destructive ones ask first. The server's rules (1008) are shown in a toast. */
export function UserActions({ user, self, onLink }: Props) {
  const t = useTranslations("users");
  const notify = useNotify();
  const [asking, setAsking] = useState<Action | null>(null);
  const patch = usePatchUser();
  const reset = useResetPassword();
  const end = useEndSessions();
  const remove = useDeleteUser();
  const { email } = user;
  const failed = (error: Error) => notify("error", failureText(t, error));
  const ask = (action: Action) =>
    self && (action === "disable" || action === "delete") ? notify("error", t("refusedSelf")) : setAsking(action);

  const run: Record<Action, () => void> = {
    disable: () =>
      patch.mutate(
        { id: user.id, disabled: true },
        { onSuccess: () => notify("success", t("changed", { email })), onError: failed },
      ),
    delete: () =>
      remove.mutate(user.id, { onSuccess: () => notify("success", t("deleted", { email })), onError: failed }),
    endSessions: () =>
      end.mutate(user.id, {
        onSuccess: ({ ended }) => notify("success", t("sessionsEnded", { email, count: ended })),
        onError: failed,
      }),
    resetPassword: () => reset.mutate(user.id, { onSuccess: ({ link }) => onLink({ email, link }), onError: failed }),
  };
  const enable = () =>
    patch.mutate(
      { id: user.id, disabled: false },
      { onSuccess: () => notify("success", t("changed", { email })), onError: failed },
    );

  const button = (action: Action, danger = false) => (
    <button type="button" className={`${styles.button} ${danger ? styles.danger : ""}`} onClick={() => ask(action)}>
      {t(action)}
    </button>
  );
  return (
    <div className={styles.row} role="group" aria-label={t("actionsOf", { email })}>
      {user.status === "disabled" ? (
        <button type="button" className={styles.button} onClick={enable}>
          {t("enable")}
        </button>
      ) : (
        button("disable", true)
      )}
      {user.source === "local" && button("resetPassword")}
      {user.openSessions > 0 && button("endSessions")}
      {button("delete", true)}
      {asking && (
        <ConfirmDialog
          title={t(`confirm.${asking}.title`, { email })}
          body={t(`confirm.${asking}.body`)}
          ok={t(`confirm.${asking}.ok`)}
          cancel={t("cancel")}
          onConfirm={run[asking]}
          onClose={() => setAsking(null)}
        />
      )}
    </div>
  );
}

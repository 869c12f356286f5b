"use client";

import { signOut } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { useNotify } from "@/components/feedback/toaster";
import { useAccountSessions, useEndSession } from "@/lib/query/account";
import type { AccountSession } from "@/lib/validations/account";
import styles from "./account.module.css";

export function SessionsTable() {
  const t = useTranslations("account");
  const format = useFormatter();
  const notify = useNotify();
  const { data: sessions = [] } = useAccountSessions();
  const end = useEndSession();
  const date = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("unknown");

  const onEnd = (session: AccountSession) => {
    if (!window.confirm(session.current ? t("endCurrentConfirm") : t("endConfirm"))) return;
    end.mutate(session.id, {
      onSuccess: () => {
        // Ending this browser's own session is signing out.
        if (session.current) void signOut({ callbackUrl: "/signin" });
        else notify("success", t("ended"));
      },
      onError: (error) => notify("error", t("notEnded", { reason: error.message })),
    });
  };

  return (
    <section className={styles.card} aria-labelledby="sessions-title">
      <h2 id="sessions-title" className={styles.cardTitle}>
        {t("sessionsTitle")}
      </h2>
      <div className={styles.tableWrap} tabIndex={0} role="region" aria-label={t("sessionsTitle")}>
        <table className={styles.table}>
          <caption className="visually-hidden">{t("sessionsTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.device")}</th>
              <th scope="col">{t("columns.address")}</th>
              <th scope="col">{t("columns.started")}</th>
              <th scope="col">{t("columns.lastSeen")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row" className={styles.wrapCell}>
                  {s.device ?? t("unknown")}
                  {s.current && <span className={styles.current}> · {t("thisSession")}</span>}
                </th>
                <td>{s.ip ?? t("unknown")}</td>
                <td>{date(s.createdAt)}</td>
                <td>{date(s.lastSeenAt)}</td>
                <td className={styles.actions}>
                  <button
                    type="button"
                    className={styles.button}
                    onClick={() => onEnd(s)}
                    disabled={end.isPending && end.variables === s.id}
                    aria-label={
                      s.current
                        ? t("endCurrentLabel")
                        : t("endLabel", { device: s.device ?? "", started: date(s.createdAt) })
                    }
                  >
                    {s.current ? t("signOutHere") : t("end")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

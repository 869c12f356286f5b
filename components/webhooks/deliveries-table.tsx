"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useNotify } from "@/components/feedback/toaster";
import { useDeliveries, useRetryDelivery } from "@/lib/query/webhooks";
import styles from "@/components/tokens/tokens.module.css";

/** A subscription's newest deliveries: status, attempts, the last answer and its time; failed ones can be retried. */
export function DeliveriesTable({ webhookId, url }: { webhookId: number; url: string }) {
  const t = useTranslations("webhooks");
  const format = useFormatter();
  const notify = useNotify();
  const query = useDeliveries(webhookId);
  const retry = useRetryDelivery(webhookId);
  const date = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" }) : "–";

  if (query.isPending) return <p className={styles.empty}>{t("loading")}</p>;
  if (query.isError) return <p role="alert">{t("notLoaded", { reason: query.error.message })}</p>;
  if (query.data.length === 0) return <p className={styles.empty}>{t("noDeliveries")}</p>;
  return (
    <table className={styles.table}>
      <caption>{t("deliveriesOf", { url })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("columns.queued")}</th>
          <th scope="col">{t("columns.changeCount")}</th>
          <th scope="col">{t("columns.status")}</th>
          <th scope="col">{t("columns.attempts")}</th>
          <th scope="col">{t("columns.answer")}</th>
          <th scope="col">{t("columns.lastAttempt")}</th>
          <th scope="col">
            <span className="visually-hidden">{t("columns.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {query.data.map((d) => (
          <tr key={d.id}>
            <td>{date(d.queuedAt)}</td>
            <td>{d.changes}</td>
            <td>{t(`status.${d.status}`)}</td>
            <td>{d.attempts}</td>
            <td>
              {[d.lastStatus ?? null, d.lastError].filter((x) => x !== null).join(" ")}
              {d.lastDurationMs !== null && ` (${t("ms", { ms: d.lastDurationMs })})`}
            </td>
            <td>{date(d.lastAttemptAt)}</td>
            <td className={styles.actions}>
              {d.status === "failed" && (
                <button
                  type="button"
                  className={styles.button}
                  disabled={retry.isPending && retry.variables === d.id}
                  onClick={() =>
                    retry.mutate(d.id, {
                      onSuccess: () => notify("success", t("retried")),
                      onError: (error) => notify("error", t("notRetried", { reason: error.message })),
                    })
                  }
                >
                  {t("retry")}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

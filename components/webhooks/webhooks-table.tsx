"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useNotify } from "@/components/feedback/toaster";
import { useDeleteWebhook, useWebhooks } from "@/lib/query/webhooks";
import type { WebhookSummary } from "@/lib/validations/webhook";
import { DeliveriesTable } from "./deliveries-table";
import styles from "@/components/tokens/tokens.module.css";

export function WebhooksTable() {
  const { data: webhooks = [] } = useWebhooks();
  const remove = useDeleteWebhook();
  const notify = useNotify();
  const t = useTranslations("webhooks");
  const [shown, setShown] = useState<number | null>(null);

  const onDelete = ({ id, url }: WebhookSummary) => {
    if (!window.confirm(t("deleteConfirm", { url }))) return;
    remove.mutate(id, {
      onSuccess: () => notify("success", t("deletedToast", { url })),
      onError: (error) => notify("error", t("notDeleted", { url, reason: error.message })),
    });
  };

  if (webhooks.length === 0) return <p className={styles.empty}>{t("empty")}</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.url")}</th>
            <th scope="col">{t("columns.changes")}</th>
            <th scope="col">{t("columns.deliveries")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {webhooks.map((webhook) => (
            <WebhookRow
              key={webhook.id}
              webhook={webhook}
              open={shown === webhook.id}
              onToggle={() => setShown(shown === webhook.id ? null : webhook.id)}
              onDelete={() => onDelete(webhook)}
              deleting={remove.isPending && remove.variables === webhook.id}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = {
  webhook: WebhookSummary;
  open: boolean;
  onToggle: () => void;
  onDelete: () => void;
  deleting: boolean;
};

function WebhookRow({ webhook, open, onToggle, onDelete, deleting }: RowProps) {
  const t = useTranslations("webhooks");
  const which = webhook.processIds === null ? t("allProcesses") : webhook.processIds.join(", ");
  const kinds = webhook.kinds.map((k) => t(`kind.${k}`)).join(", ");
  return (
    <>
      <tr>
        <th scope="row">{webhook.url}</th>
        <td>
          {which}; {kinds}; {webhook.batch ? t("batched") : t("onePerChange")}
        </td>
        <td>{t("counts", webhook.deliveries)}</td>
        <td className={styles.actions}>
          <button type="button" className={styles.button} aria-expanded={open} onClick={onToggle}>
            {t("showDeliveries")}
          </button>
          <button
            type="button"
            className={styles.button}
            onClick={onDelete}
            disabled={deleting}
            aria-label={t("deleteOf", { url: webhook.url })}
          >
            {t("delete")}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={4}>
            <DeliveriesTable webhookId={webhook.id} url={webhook.url} />
          </td>
        </tr>
      )}
    </>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CreateWebhookForm } from "./create-webhook-form";
import { NewWebhookSecret } from "./new-webhook-secret";
import { WebhooksTable } from "./webhooks-table";
import styles from "@/components/tokens/tokens.module.css";

export function WebhooksSection() {
  const t = useTranslations("webhooks");
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  return (
    <div className={styles.page}>
      <header>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.subtitle}>{t("subtitle")}</p>
      </header>
      {created && <NewWebhookSecret url={created.url} secret={created.secret} onDone={() => setCreated(null)} />}
      <CreateWebhookForm onCreated={setCreated} />
      <WebhooksTable />
    </div>
  );
}

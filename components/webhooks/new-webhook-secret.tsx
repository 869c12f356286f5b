"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import styles from "@/components/tokens/tokens.module.css";

/** The signing secret, shown once (the server keeps it encrypted, to sign with, and never shows it again). */
export function NewWebhookSecret({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const t = useTranslations("webhooks");
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div ref={ref} tabIndex={-1} className={styles.secretPanel} role="region" aria-label={t("secretOf", { url })}>
      <p>{t.rich("secretLead", { url, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <code className={styles.secret} data-testid="new-webhook-secret">
        {secret}
      </code>
      <div className={styles.row}>
        <button type="button" className={styles.button} onClick={() => void copy()}>
          {copied ? t("copied") : t("copy")}
        </button>
        <button type="button" className={styles.button} onClick={onDone}>
          {t("stored")}
        </button>
      </div>
    </div>
  );
}

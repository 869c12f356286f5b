"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import styles from "./tokens.module.css";

/** The secret, shown once: the server keeps only its hash. */
export function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useTranslations("tokens");
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const copy = async () => {
    await navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div ref={ref} tabIndex={-1} className={styles.secretPanel} role="region" aria-label={t("secretOf", { name })}>
      <p>{t.rich("secretLead", { name, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <code className={styles.secret} data-testid="new-token-secret">
        {secret}
      </code>
      <div className={styles.row}>
        <button type="button" className={styles.button} onClick={copy}>
          {copied ? t("copied") : t("copy")}
        </button>
        <button type="button" className={styles.button} onClick={onDone}>
          {t("stored")}
        </button>
      </div>
    </div>
  );
}

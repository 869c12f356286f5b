"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { PasswordLink } from "@/lib/validations/users";
import styles from "./users.module.css";

/** A one-time set-password link, shown once: the server keeps only its hash. */
export function NewLink({ email, link, onDone }: { email: string; link: PasswordLink; onDone: () => void }) {
  const t = useTranslations("users");
  const format = useFormatter();
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const copy = () =>
    navigator.clipboard.writeText(link.url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  const date = format.dateTime(new Date(link.expiresAt), { dateStyle: "medium", timeStyle: "short" });
  return (
    <div ref={ref} tabIndex={-1} className={styles.panel} role="region" aria-label={t("linkTitle", { email })}>
      <p>{t("linkLead", { email, date })}</p>
      <code className={styles.secret} data-testid="password-link">
        {link.url}
      </code>
      <div className={styles.row}>
        <button type="button" className={styles.button} onClick={() => void copy()}>
          {copied ? t("copied") : t("copy")}
        </button>
        <button type="button" className={styles.button} onClick={onDone}>
          {t("done")}
        </button>
      </div>
    </div>
  );
}

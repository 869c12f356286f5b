"use client";

import { useTranslations } from "next-intl";
import styles from "@/components/settings/page-error.module.css";

/** A page that could not load its data (the database down at render time, most often). */
export default function SettingsError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("pageError");
  return (
    <div className={styles.wrap} role="alert">
      <h1 className={styles.title}>{t("title")}</h1>
      <p>{t("body")}</p>
      <button type="button" className={styles.button} onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}

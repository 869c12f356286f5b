"use client";

import { useLocale, useTranslations } from "next-intl";
import type { LastChange } from "@/lib/validations/process-listing";
import { absoluteTime, relativeTime, whoKey } from "./last-change-format";
import { useNow } from "./use-now";
import styles from "./grid-data.module.css";

/** When the process last changed (relative, the full time on hover) and who changed it. */
export function LastChangeCell({ lastChange, role }: { lastChange?: LastChange | null; role: "cell" | "gridcell" }) {
  const t = useTranslations("lastChange");
  const locale = useLocale();
  const now = useNow();
  if (!lastChange)
    return (
      <div role={role} className={styles.lastChange}>
        <span className={styles.muted}>{t("none")}</span>
      </div>
    );
  const who = whoKey(lastChange.changedBy);
  const full = now === null ? undefined : absoluteTime(lastChange.changedAt, locale);
  return (
    <div role={role} className={styles.lastChange}>
      <time dateTime={lastChange.changedAt} title={full}>
        {now === null ? "" : relativeTime(lastChange.changedAt, now, locale)}
      </time>
      <span className={styles.who}>{"name" in who ? who.name : t(who.key)}</span>
    </div>
  );
}

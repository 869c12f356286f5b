"use client";

import { useLocale, useTranslations } from "next-intl";
import type { LastChange } from "@/lib/validations/process-listing";
import { absoluteTime, relativeTime, whoKey } from "./last-change-format";
import { useDensity } from "./density";
import { useNow } from "./use-now";
import styles from "./grid-data.module.css";

/** When the process last changed (relative, the full time on hover) and who changed it. */
export function LastChangeCell({ lastChange, role }: { lastChange?: LastChange | null; role: "cell" | "gridcell" }) {
  const t = useTranslations("lastChange");
  const locale = useLocale();
  const now = useNow();
  // Compact rows are one line: time and who side by side.
  const className = `${styles.lastChange} ${useDensity() === "compact" ? styles.oneLine : ""}`;
  if (!lastChange)
    return (
      <div role={role} className={className}>
        <span className={styles.muted}>{t("none")}</span>
      </div>
    );
  const who = whoKey(lastChange.changedBy);
  const full = now === null ? undefined : absoluteTime(lastChange.changedAt, locale);
  return (
    <div role={role} className={className}>
      <time dateTime={lastChange.changedAt} title={full}>
        {now === null ? "" : relativeTime(lastChange.changedAt, now, locale)}
      </time>
      <span className={styles.who}>{"name" in who ? who.name : t(who.key)}</span>
    </div>
  );
}

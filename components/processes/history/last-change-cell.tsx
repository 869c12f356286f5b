"use client";

import { useLocale, useTranslations } from "next-intl";
import type { LastChange, ProcessListingItem } from "@/lib/validations/process-listing";
import { absoluteTime, isTime, relativeTime, whoKey } from "./last-change-format";
import { useDensity } from "../layout/density";
import { useNow } from "./use-now";
import styles from "../grid-data.module.css";

type Props = { process: ProcessListingItem; role: "cell" | "gridcell" };

/**
 * When the process last changed (relative, the full time on hover) and who changed it. An item that came
 * without its change (`lastChange` absent, not null) shows its `updatedAt` alone.
 */
export function LastChangeCell({ process, role }: Props) {
  const lastChange: LastChange | null =
    process.lastChange === undefined
      ? { changedAt: process.updatedAt, changedBy: { type: "unknown", id: null, name: null } }
      : process.lastChange;
  const known = process.lastChange !== undefined;
  const t = useTranslations("lastChange");
  const locale = useLocale();
  const now = useNow();
  // Standard and compact rows are one line: time and who side by side.
  const className = `${styles.lastChange} ${useDensity() === "comfortable" ? "" : styles.oneLine}`;
  if (!lastChange)
    return (
      <div role={role} className={className} data-label={t("column")}>
        <span className={styles.muted}>{t("none")}</span>
      </div>
    );
  if (!isTime(lastChange.changedAt)) return <div role={role} className={className} />;
  const who = whoKey(lastChange.changedBy);
  const full = now === null ? undefined : absoluteTime(lastChange.changedAt, locale);
  return (
    <div role={role} className={className} data-label={t("column")}>
      <time dateTime={lastChange.changedAt} title={full}>
        {now === null ? "" : relativeTime(lastChange.changedAt, now, locale)}
      </time>
      {known && <span className={styles.who}>{"name" in who ? who.name : t(who.key)}</span>}
    </div>
  );
}

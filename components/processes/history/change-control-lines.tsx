"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ProcessChange } from "@/lib/validations/process-history";
import styles from "./history-dialog.module.css";

/**
 * A change's reason and its electronic signature's manifestation (21 CFR 11.50: the signer's name, the date and
 * time, in the signer's time zone and named, and the meaning), under the change in the history dialog.
 */
export function ChangeControlLines({ change }: { change: ProcessChange }) {
  const t = useTranslations("changeControl");
  const format = useFormatter();
  const { reason, signature } = change;
  if (reason === undefined && !signature) return null;
  let time = "";
  if (signature) {
    const at = new Date(signature.signedAt);
    try {
      time = format.dateTime(at, { dateStyle: "medium", timeStyle: "long", timeZone: signature.timeZone });
    } catch {
      time = format.dateTime(at, { dateStyle: "medium", timeStyle: "long", timeZone: "UTC" });
    }
  }
  return (
    <>
      {reason !== undefined && <p className={styles.meta}>{t("reasonLabel", { reason })}</p>}
      {signature && (
        <p className={styles.meta}>
          {t("signedBy", {
            name: signature.signer.name,
            meaning: t(`meanings.${signature.meaning}`),
            time,
            zone: signature.timeZone,
          })}
        </p>
      )}
    </>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { RowsShown } from "./build-rows";
import styles from "../toolbar.module.css";

type Props = { shown: RowsShown; onShown: (shown: RowsShown) => void; invalid: number; onNextInvalidRow: () => void };

/** Which rows to show, and a way to the next row with errors wherever it is in the list. */
export function ViewControls({ shown, onShown, invalid, onNextInvalidRow }: Props) {
  const t = useTranslations("toolbar");
  return (
    <div className={styles.filter}>
      <label htmlFor="process-shown" className={styles.label}>
        {t("show")}
      </label>
      <select
        id="process-shown"
        className={styles.select}
        value={shown}
        onChange={(e) => onShown(e.target.value as RowsShown)}
      >
        <option value="all">{t("showAll")}</option>
        <option value="edited">{t("showEdited")}</option>
        <option value="invalid">{t("showInvalid")}</option>
      </select>
      {invalid > 0 && (
        <button type="button" className={styles.button} onClick={onNextInvalidRow} aria-keyshortcuts="F8">
          {t("nextError")}
        </button>
      )}
    </div>
  );
}

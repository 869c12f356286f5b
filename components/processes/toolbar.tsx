"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import styles from "./toolbar.module.css";
import { Spinner } from "@/components/ui/spinner";

type Props = {
  readOnly: boolean;
  filter: string;
  onFilter: (value: string) => void;
  /** Enter or ArrowDown in the filter: to the first row shown. */
  onFilterDone: () => void;
  edited: number;
  hidden: number;
  invalid: number;
  saving: boolean;
  onSaveAll: () => void;
  onDiscardAll: () => void;
  /** Controls placed after the filter (which rows are shown, next error). */
  children?: ReactNode;
};

export function Toolbar({
  readOnly,
  filter,
  onFilter,
  onFilterDone,
  edited,
  hidden,
  invalid,
  saving,
  onSaveAll,
  onDiscardAll,
  children,
}: Props) {
  const t = useTranslations("toolbar");
  const tFind = useTranslations("tableFind");
  // On a phone the other controls fold behind one button, so the first row is on the first screen (044).
  const [more, setMore] = useState(false);
  return (
    <div className={styles.toolbar}>
      <div className={styles.filter}>
        <label htmlFor="process-filter" className={styles.label}>
          {t("filter")}
        </label>
        <input
          id="process-filter"
          type="search"
          className={styles.search}
          placeholder={tFind("placeholder")}
          title={tFind("hint")}
          value={filter}
          onChange={(e) => onFilter(e.target.value)}
          onKeyDown={(e) => {
            if ((e.key === "Enter" || e.key === "ArrowDown") && !e.altKey && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              onFilterDone();
            }
          }}
          aria-describedby={!readOnly ? "unsaved-summary" : undefined}
        />
      </div>
      <button
        type="button"
        className={`${styles.button} ${styles.moreToggle}`}
        aria-expanded={more}
        aria-controls="toolbar-more"
        onClick={() => setMore(!more)}
      >
        {t("more")}
      </button>
      <div id="toolbar-more" className={styles.more} data-open={more || undefined}>
        {children}
      </div>
      {!readOnly && (
        <>
          {/* Not a live region: the toasts announce saves, discards and pastes, once each. */}
          <p id="unsaved-summary" className={styles.summary}>
            {edited === 0 ? (
              <span className={styles.clean}>{t("noChanges")}</span>
            ) : (
              <>
                <strong>{t("unsaved", { count: edited })}</strong>
                {hidden > 0 && <span> · {t("hidden", { count: hidden })}</span>}
                {invalid > 0 && <span className={styles.invalid}> · ⚠ {t("invalid", { count: invalid })}</span>}
              </>
            )}
          </p>
          <div className={`${styles.actions} ${styles.saveBar}`}>
            <button type="button" className={styles.button} onClick={onDiscardAll} disabled={edited === 0 || saving}>
              {t("discardAll")}
            </button>
            <button
              type="button"
              className={`${styles.button} ${styles.primary}`}
              onClick={onSaveAll}
              disabled={edited === 0 || invalid > 0 || saving}
              aria-busy={saving || undefined}
              aria-keyshortcuts="Control+S Meta+S"
            >
              {saving && <Spinner />}
              {saving ? t("savingAll") : t("saveAll")}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

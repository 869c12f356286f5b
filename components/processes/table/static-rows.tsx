import { useTranslations } from "next-intl";
import { memo } from "react";
import type { ProcessListingItem } from "@/lib/validations/process-listing";
import { LastChangeCell } from "../history/last-change-cell";
import { useEditor } from "../editing/editor-context";
import { IdWithHistory } from "../history/id-with-history";
import styles from "./process-table.module.css";

/** A row for the read-only table (the User role, or after a 3001): values as text; only its history opens. */
export const ReadOnlyRow = memo(function ReadOnlyRow({ process }: { process: ProcessListingItem }) {
  const t = useTranslations("table");
  const { actions } = useEditor();
  return (
    <>
      <div role="cell" className={styles.idCell} data-label={t("id")}>
        <IdWithHistory id={process.id} onOpen={() => actions.openHistory(process.id)} tabbable />
      </div>
      <div role="cell" className={styles.textCell} data-label={t("name")}>
        {process.name}
      </div>
      <div role="cell" className={`${styles.textCell} ${styles.commentText}`} data-label={t("comment")}>
        {process.comment || <span className={styles.empty}>{t("noComment")}</span>}
      </div>
      <LastChangeCell process={process} role="cell" />
    </>
  );
});

/** A row whose process was deleted meanwhile: kept on screen, with what was typed, until dismissed. */
export const GoneRow = memo(function GoneRow({ process }: { process: ProcessListingItem }) {
  const { store, actions } = useEditor();
  const t = useTranslations();
  const draft = store.getRow(process.id)?.draft;
  return (
    <>
      <div role="gridcell" className={styles.idCell} data-label={t("table.id")}>
        {process.id}
      </div>
      <div role="gridcell" className={`${styles.textCell} ${styles.goneText}`}>
        {draft?.name ?? process.name}
      </div>
      <div role="gridcell" className={`${styles.textCell} ${styles.goneText} ${styles.commentText}`}>
        {draft?.comment ?? process.comment}
      </div>
      <LastChangeCell process={process} role="gridcell" />
      <div role="gridcell" className={styles.statusCell}>
        <div className={`${styles.status} ${styles.danger}`}>
          <span className={styles.statusLine}>
            <span className={styles.statusIcon} aria-hidden="true">
              ✕
            </span>
            <span>{t("rowState.gone")}</span>
          </span>
        </div>
      </div>
      <div role="gridcell" className={styles.actionsCell}>
        <button
          type="button"
          className={styles.button}
          aria-label={t("table.dismissOf", { id: process.id })}
          onClick={() => actions.discardRow(process.id)}
        >
          {t("table.dismiss")}
        </button>
      </div>
    </>
  );
});

import { useTranslations } from "next-intl";
import styles from "./history-dialog.module.css";

/**
 * Opens the row's history (the dialog is the page's, one at a time). Out of the Tab order, so Tab still
 * walks name, comment, next row; from the keyboard, Alt+H in the row opens it.
 */
export function HistoryButton({ id, onOpen }: { id: number; onOpen: () => void }) {
  const t = useTranslations("history");
  return (
    <button
      type="button"
      tabIndex={-1}
      aria-keyshortcuts="Alt+H"
      className={styles.link}
      aria-label={t("openOf", { id })}
      onClick={onOpen}
    >
      {t("open")}
    </button>
  );
}

import { useTranslations } from "next-intl";
import styles from "./history-dialog.module.css";

/** Opens the row's history (the dialog is the page's, one at a time). */
export function HistoryButton({ id, onOpen }: { id: number; onOpen: () => void }) {
  const t = useTranslations("history");
  return (
    <button type="button" className={styles.link} aria-label={t("openOf", { id })} onClick={onOpen}>
      {t("open")}
    </button>
  );
}

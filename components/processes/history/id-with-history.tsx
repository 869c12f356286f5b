import { useTranslations } from "next-intl";
import styles from "./history-dialog.module.css";

/**
 * The row's id, and a small clock that opens its history (the dialog is the page's, one at a time), so rows
 * keep their height in both densities. Out of the Tab order, so Tab still walks name, comment, next row;
 * from the keyboard, Alt+H in the row opens it. In the read-only table (no grid keys) it is a tab stop.
 */
export function IdWithHistory({
  id,
  onOpen,
  tabbable = false,
}: {
  id: number;
  onOpen: () => void;
  tabbable?: boolean;
}) {
  const t = useTranslations("history");
  const label = t("openOf", { id });
  return (
    <span className={styles.idLine}>
      {id}
      <button
        type="button"
        tabIndex={tabbable ? undefined : -1}
        aria-keyshortcuts="Alt+H"
        aria-label={label}
        title={label}
        className={styles.opener}
        onClick={onOpen}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
    </span>
  );
}

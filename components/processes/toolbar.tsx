"use client";

import styles from "./toolbar.module.css";
import { Spinner } from "@/components/ui/spinner";

type Props = {
  readOnly: boolean;
  filter: string;
  onFilter: (value: string) => void;
  edited: number;
  hidden: number;
  invalid: number;
  saving: boolean;
  onSaveAll: () => void;
  onDiscardAll: () => void;
};

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export function Toolbar({
  readOnly,
  filter,
  onFilter,
  edited,
  hidden,
  invalid,
  saving,
  onSaveAll,
  onDiscardAll,
}: Props) {
  return (
    <div className={styles.toolbar}>
      <div className={styles.filter}>
        <label htmlFor="process-filter" className={styles.label}>
          Filter
        </label>
        <input
          id="process-filter"
          type="search"
          className={styles.search}
          placeholder="Name or comment"
          value={filter}
          onChange={(e) => onFilter(e.target.value)}
          aria-describedby={!readOnly ? "unsaved-summary" : undefined}
        />
      </div>
      {!readOnly && (
        <>
          <p id="unsaved-summary" className={styles.summary} aria-live="polite">
            {edited === 0 ? (
              <span className={styles.clean}>No unsaved changes</span>
            ) : (
              <>
                <strong>{count(edited, "unsaved row", "unsaved rows")}</strong>
                {hidden > 0 && <span> · {hidden.toLocaleString("en")} hidden by the filter</span>}
                {invalid > 0 && (
                  <span className={styles.invalid}> · ⚠ {count(invalid, "row needs", "rows need")} fixing</span>
                )}
              </>
            )}
          </p>
          <div className={styles.actions}>
            <button type="button" className={styles.button} onClick={onDiscardAll} disabled={edited === 0 || saving}>
              Discard all
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
              {saving ? "Saving all…" : "Save all"}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

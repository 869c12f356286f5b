import styles from "./process-table.module.css";
import { Spinner } from "@/components/ui/spinner";

type Props = {
  id: number;
  canSave: boolean;
  canDiscard: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
};

export function RowActions({ id, canSave, canDiscard, saving, onSave, onDiscard }: Props) {
  return (
    <>
      <button
        type="button"
        className={`${styles.button} ${styles.primary}`}
        disabled={!canSave}
        aria-busy={saving || undefined}
        aria-label={`Save process ${id}`}
        onClick={onSave}
      >
        {saving && <Spinner />}
        {saving ? "Saving" : "Save"}
      </button>
      <button
        type="button"
        className={styles.button}
        disabled={!canDiscard || saving}
        aria-label={`Discard changes to process ${id}`}
        onClick={onDiscard}
      >
        Discard
      </button>
    </>
  );
}

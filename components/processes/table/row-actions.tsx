import { useTranslations } from "next-intl";
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
  const t = useTranslations("table");
  return (
    <>
      <button
        type="button"
        className={`${styles.button} ${styles.primary}`}
        disabled={!canSave}
        aria-busy={saving || undefined}
        aria-label={t("saveOf", { id })}
        onClick={onSave}
      >
        {saving && <Spinner />}
        {saving ? t("saving") : t("save")}
      </button>
      <button
        type="button"
        className={styles.button}
        disabled={!canDiscard || saving}
        aria-label={t("discardOf", { id })}
        onClick={onDiscard}
      >
        {t("discard")}
      </button>
    </>
  );
}

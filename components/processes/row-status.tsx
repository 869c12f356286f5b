import type { RowEntry } from "./row-entry";
import type { SavingState } from "./editor-context";
import styles from "./process-table.module.css";

type Look = { icon: string; text: string; tone: "muted" | "edited" | "busy" | "ok" | "danger"; detail?: string };

function look(entry: RowEntry | undefined, saving: SavingState): Look {
  if (entry?.outcome?.kind === "gone") return { icon: "✕", text: "This process no longer exists", tone: "danger" };
  if (saving === "waiting") return { icon: "↻", text: "Waiting to retry", tone: "busy" };
  if (saving === "saving") return { icon: "↻", text: "Saving…", tone: "busy" };
  if (entry?.outcome?.kind === "failed")
    return { icon: "⚠", text: "Not saved", tone: "danger", detail: entry.outcome.reason };
  if (entry?.draft && entry.serverErrors) return { icon: "⚠", text: "Refused", tone: "danger" };
  if (entry?.draft && entry.schemaErrors) return { icon: "⚠", text: "Needs fixing", tone: "danger" };
  if (entry?.draft) return { icon: "●", text: "Edited", tone: "edited" };
  if (entry?.outcome?.kind === "saved") return { icon: "✓", text: "Saved", tone: "ok" };
  return { icon: "", text: "Unchanged", tone: "muted" };
}

/** The row's state in words and an icon, never colour alone. */
export function RowStatus({ entry, saving }: { entry: RowEntry | undefined; saving: SavingState }) {
  const { icon, text, tone, detail } = look(entry, saving);
  return (
    <div className={`${styles.status} ${styles[tone]}`}>
      <span className={styles.statusLine}>
        {icon && (
          <span className={styles.statusIcon} aria-hidden="true">
            {icon}
          </span>
        )}
        <span>{text}</span>
      </span>
      {detail && <span className={styles.statusDetail}>{detail}</span>}
    </div>
  );
}

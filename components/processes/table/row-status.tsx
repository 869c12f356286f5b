import { useTranslations } from "next-intl";
import type en from "@/messages/en.json";
import type { RowEntry } from "../model/row-entry";
import type { SavingState } from "../editing/editor-context";
import styles from "./process-table.module.css";
import liveStyles from "../live/live-status.module.css";

type Look = {
  icon: string;
  text: keyof typeof en.rowState;
  tone: "muted" | "edited" | "busy" | "ok" | "danger";
  detail?: string;
};

/** Someone else's change on this row (a conflict, a quiet merge, a live update), in the `live` catalog. */
type LiveLook = { icon: string; tone: Look["tone"]; text: string; detail?: undefined };

function liveLook(
  entry: RowEntry | undefined,
  t: (key: "conflict" | "mergedWith" | "changedBy", values?: { who: string }) => string,
  someone: string,
): LiveLook | undefined {
  if (entry?.conflict) return { icon: "⚠", tone: "danger", text: t("conflict") };
  const outcome = entry?.outcome;
  if (outcome?.kind === "merged" && entry?.draft)
    return { icon: "⇄", tone: "edited", text: t("mergedWith", { who: outcome.by ?? someone }) };
  if (outcome?.kind === "changed" && !entry?.draft)
    return { icon: "↻", tone: "ok", text: t("changedBy", { who: outcome.by ?? someone }) };
  return undefined;
}

function look(entry: RowEntry | undefined, saving: SavingState): Look {
  if (entry?.outcome?.kind === "gone") return { icon: "✕", text: "gone", tone: "danger" };
  if (saving === "waiting") return { icon: "↻", text: "waiting", tone: "busy" };
  // The text is the network catalog's (RowStatus); the look is a pause.
  if (saving === "offline") return { icon: "⏸", text: "waiting", tone: "busy" };
  if (saving === "saving") return { icon: "↻", text: "saving", tone: "busy" };
  if (entry?.outcome?.kind === "failed")
    return { icon: "⚠", text: "notSaved", tone: "danger", detail: entry.outcome.reason };
  if (entry?.draft && entry.serverErrors) return { icon: "⚠", text: "refused", tone: "danger" };
  if (entry?.draft && entry.schemaErrors) return { icon: "⚠", text: "needsFixing", tone: "danger" };
  if (entry?.draft) return { icon: "●", text: "edited", tone: "edited" };
  if (entry?.outcome?.kind === "saved") return { icon: "✓", text: "saved", tone: "ok" };
  return { icon: "", text: "unchanged", tone: "muted" };
}

/** A quiet merge names the fields the other person changed ("Merged with a@x's change to the comment"). */
function useMergedText(entry: RowEntry | undefined, someone: string): string | undefined {
  const t = useTranslations("presence");
  const outcome = entry?.outcome;
  if (outcome?.kind !== "merged" || !entry?.draft || entry.conflict || outcome.fields.length === 0) return undefined;
  const names = outcome.fields.map((f) => (f === "name" ? t("fieldName") : t("fieldComment")));
  return t("mergedFields", { who: outcome.by ?? someone, fields: names.join(` ${t("and")} `) });
}

/** The row's state in words and an icon, never colour alone. */
export function RowStatus({ entry, saving }: { entry: RowEntry | undefined; saving: SavingState }) {
  const t = useTranslations("rowState");
  const network = useTranslations("network");
  const liveText = useTranslations("live");
  const base = look(entry, saving);
  const mergedText = useMergedText(entry, liveText("someone"));
  const live = saving === "idle" ? liveLook(entry, liveText, liveText("someone")) : undefined;
  const { icon, tone, detail } = live ?? base;
  const text = live ? (mergedText ?? live.text) : saving === "offline" ? network("waiting") : t(base.text);
  return (
    <div className={`${styles.status} ${styles[tone]}`}>
      <span className={styles.statusLine}>
        {icon && (
          <span className={styles.statusIcon} aria-hidden="true">
            {icon}
          </span>
        )}
        {/* A live text names a person (an email): it may break anywhere rather than run under the actions. */}
        <span className={live ? liveStyles.wrap : undefined}>{text}</span>
      </span>
      {detail && <span className={styles.statusDetail}>{detail}</span>}
    </div>
  );
}

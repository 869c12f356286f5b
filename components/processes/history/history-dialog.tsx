"use client";

// History: a process's versions (the dialog behind its id), and the "last change" column (when, by whom).

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useNotify } from "@/components/feedback/toaster";
import { useProcessHistory } from "@/lib/query/process-history";
import type { ProcessFields } from "@/lib/validations/process";
import type { ChangedBy, ProcessChange } from "@/lib/validations/process-history";
import { FIELDS } from "../model/row-entry";
import styles from "./history-dialog.module.css";
import { ChangeControlLines } from "./change-control-lines";

type Props = {
  id: number;
  onClose: () => void;
  /**
   * "Restore this version": a normal save of its values against the current version ("same": nothing to
   * save). Absent for a read-only operator: the history is shown without it.
   */
  restore?: (fields: ProcessFields) => "saved" | "same" | undefined;
};

/**
 * One process's changes, newest first, each as a diff (previous → new) with who and when. A modal
 * <dialog>: the rest of the page is inert while it is open (focus stays inside), Escape closes it, and
 * focus goes back to the button that opened it.
 */
export function HistoryDialog({ id, onClose, restore }: Props) {
  const t = useTranslations("history");
  const notify = useNotify();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const { data: changes, isPending, isError } = useProcessHistory(id);

  useEffect(() => {
    const dialog = ref.current;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  // Focus goes back while the dialog is still in the page, whichever way it closes (Escape, Close, Restore).
  const close = () => {
    ref.current?.close();
    opener.current?.focus();
    onClose();
  };
  // Closed after a restore: the row shows the save going out.
  const onRestore =
    restore &&
    ((fields: ProcessFields) => {
      if (restore(fields) === "same") notify("info", t("same", { id }));
      close();
    });

  const titleId = `history-title-${id}`;
  return (
    <dialog ref={ref} aria-labelledby={titleId} className={styles.dialog} onClose={close}>
      <div className={styles.header}>
        <h2 id={titleId} className={styles.title}>
          {t("title", { id })}
        </h2>
        <button type="button" className={styles.button} onClick={close}>
          {t("close")}
        </button>
      </div>
      {isPending && <p role="status">{t("loading")}</p>}
      {isError && <p role="alert">{t("failed")}</p>}
      {changes?.length === 0 && <p>{t("empty")}</p>}
      {changes && changes.length > 0 && (
        <ol className={styles.list}>
          {changes.map((change, index) => (
            // A deleted process has nothing to restore into: a save would only answer 1005.
            <ChangeItem
              key={change.id}
              change={change}
              current={index === 0}
              onRestore={changes[0]?.kind === "deleted" ? undefined : onRestore}
            />
          ))}
        </ol>
      )}
    </dialog>
  );
}

function ChangeItem({
  change,
  current,
  onRestore,
}: {
  change: ProcessChange;
  current: boolean;
  onRestore: ((fields: ProcessFields) => void) | undefined;
}) {
  const t = useTranslations("history");
  const table = useTranslations("table");
  const format = useFormatter();
  const when = format.dateTime(new Date(change.changedAt), { dateStyle: "medium", timeStyle: "medium" });
  const { previous } = change;
  const deleted = change.kind === "deleted";
  const changed = deleted ? [] : FIELDS.filter((f) => !previous || previous[f] !== change[f]);
  const show = (value: string) => (value === "" ? "—" : value);
  return (
    <li className={styles.change}>
      <p className={styles.meta}>
        <strong>{t("version", { version: change.version })}</strong> ·{" "}
        {t("by", { who: actorName(change.changedBy, t), when })}
        {!previous && <> · {t("created")}</>}
        {deleted && <> · {t("deleted")}</>}
      </p>
      <ChangeControlLines change={change} />
      {deleted ? null : changed.length === 0 ? (
        <p className={styles.muted}>{t("unchanged")}</p>
      ) : (
        <dl className={styles.diff}>
          {changed.map((field) => (
            <div key={field} className={styles.diffRow}>
              <dt>{table(field)}</dt>
              <dd>
                {previous && (
                  <>
                    <del>{show(previous[field])}</del> <span aria-hidden="true">→</span>{" "}
                  </>
                )}
                <ins>{show(change[field])}</ins>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {current
        ? !deleted && <p className={styles.muted}>{t("current")}</p>
        : onRestore && (
            <button
              type="button"
              className={styles.button}
              aria-label={t("restoreOf", { version: change.version })}
              onClick={() => onRestore({ name: change.name, comment: change.comment })}
            >
              {t("restore")}
            </button>
          )}
    </li>
  );
}

function actorName(by: ChangedBy, t: (key: "system" | "unknown") => string): string {
  if (by.name) return by.name;
  return by.type === "system" ? t("system") : t("unknown");
}

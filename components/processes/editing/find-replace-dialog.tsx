"use client";
// Find and replace (Ctrl+H) over the shown rows' names and comments: every change previewed before any is
// made; Replace applies them as one undo step (find-replace.ts), saved like any edit.
import { useTranslations } from "next-intl";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useNotify } from "@/components/feedback/toaster";
import type { EditStore } from "./edit-store";
import { planReplace } from "./find-replace";
import type { TableRow } from "../model/table-row";
import styles from "../grid-data.module.css";
import toolbar from "../toolbar.module.css";

/** Opens the dialog (also Ctrl/Cmd+H). */
export function ReplaceButton({ onReplace }: { onReplace: () => void }) {
  const t = useTranslations("tableReplace");
  return (
    <button type="button" className={toolbar.button} onClick={onReplace} aria-keyshortcuts="Control+H Meta+H">
      {t("open")}
    </button>
  );
}

/** The preview lists this many changes and counts the rest (all are applied). */
const LISTED = 200;

type Props = { rows: readonly TableRow[]; store: EditStore; onClose: () => void };

export function FindReplaceDialog({ rows, store, onClose }: Props) {
  const t = useTranslations("tableReplace");
  const tTable = useTranslations("table");
  const notify = useNotify();
  const ref = useRef<HTMLDialogElement>(null);
  const [find, setFind] = useState("");
  const [replace, setReplace] = useState("");
  const [matchCase, setMatchCase] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  // Typing stays quick at 10,000 rows: the preview follows a step behind.
  const deferredFind = useDeferredValue(find);
  const deferredReplace = useDeferredValue(replace);
  const plan = useMemo(
    () => planReplace(rows, store.getRow, deferredFind, deferredReplace, { matchCase }),
    [rows, store, deferredFind, deferredReplace, matchCase],
  );
  const label = { name: tTable("name"), comment: tTable("comment") };
  const apply = () => {
    store.edit(plan.edits);
    notify("info", t("replaced", { count: plan.changes.length, rows: plan.edits.length }));
    onClose();
  };

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="replace-title"
      aria-describedby="replace-summary"
      onCancel={onClose}
    >
      <h2 id="replace-title" className={styles.dialogTitle}>
        {t("title")}
      </h2>
      <form
        className={styles.replaceForm}
        onSubmit={(e) => {
          e.preventDefault();
          if (plan.changes.length > 0 && deferredFind === find && deferredReplace === replace) apply();
        }}
      >
        <label htmlFor="replace-find">{t("find")}</label>
        <input id="replace-find" className={toolbar.search} value={find} onChange={(e) => setFind(e.target.value)} />
        <label htmlFor="replace-with">{t("with")}</label>
        <input
          id="replace-with"
          className={toolbar.search}
          value={replace}
          onChange={(e) => setReplace(e.target.value)}
        />
        <label className={styles.replaceCase}>
          <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} />{" "}
          {t("matchCase")}
        </label>
        <p id="replace-summary" role="status">
          {find === "" ? t("hint") : t("summary", { count: plan.changes.length, rows: plan.edits.length })}
        </p>
        {plan.changes.length > 0 && (
          <div className={styles.dialogBody}>
            <table className={styles.diff}>
              <caption>{t("caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{tTable("id")}</th>
                  <th scope="col">{t("field")}</th>
                  <th scope="col">{t("before")}</th>
                  <th scope="col">{t("after")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.slice(0, LISTED).map((change) => (
                  <tr key={`${change.id}:${change.field}`} data-id={change.id}>
                    <th scope="row">{change.id}</th>
                    <td className={styles.fieldLabel}>{label[change.field]}</td>
                    <td>
                      <del>{change.before}</del>
                    </td>
                    <td>
                      <ins>{change.after}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {plan.changes.length > LISTED && <p>{t("more", { count: plan.changes.length - LISTED })}</p>}
          </div>
        )}
        <div className={styles.dialogActions}>
          <button type="button" className={toolbar.button} onClick={onClose}>
            {t("cancel")}
          </button>
          <button type="submit" className={`${toolbar.button} ${toolbar.primary}`} disabled={plan.changes.length === 0}>
            {t("apply", { count: plan.changes.length })}
          </button>
        </div>
      </form>
    </dialog>
  );
}

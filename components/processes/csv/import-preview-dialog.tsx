"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useNotify } from "@/components/feedback/toaster";
import { useIssueText } from "@/components/ui/use-issue-text";
import { CSV_ENCODINGS, isCsvEncoding, type CsvEncoding } from "./csv-encoding";
import type { CsvBytesResult } from "./csv-read";
import { importEdits, type ImportPlan, type ImportSkip } from "./csv-import";
import type { EditStore } from "../editing/edit-store";
import styles from "../grid-data.module.css";
import toolbar from "../toolbar.module.css";

type Problem = Extract<CsvBytesResult["read"], { ok: false }>["problem"] | "unreadable" | "tooBig";
export type ImportPreview = {
  file: string;
  /** How the bytes were read: absent when they were not (unreadable, too big). */
  encoding?: CsvEncoding;
  detected?: boolean;
} & ({ plan: ImportPlan } | { problem: Problem; detail?: string; limit?: string });

type Props = {
  preview: ImportPreview;
  store: EditStore;
  /** Read the same bytes again in another encoding. */
  onEncoding: (encoding: CsvEncoding) => void;
  onClose: () => void;
};

/** Above this many changed rows the dialog lists the first ones and counts the rest (all are applied). */
const LISTED = 200;

/**
 * What an imported file would change, before anything changes: each changed row as a diff (now / from the
 * file), its invalid values marked in place, the rows skipped and why. Apply makes the changes edited rows
 * in one undo step, saved with Save all; Cancel (or Escape) changes nothing.
 */
export function ImportPreviewDialog({ preview, store, onEncoding, onClose }: Props) {
  const t = useTranslations("csv");
  const tFile = useTranslations("csvFile");
  const tTable = useTranslations("table");
  const issueText = useIssueText();
  const notify = useNotify();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const plan = "plan" in preview ? preview.plan : null;
  const invalid = plan?.changes.filter((c) => c.errors).length ?? 0;
  const apply = () => {
    if (!plan) return;
    store.edit(importEdits(plan));
    notify("info", t("applied", { count: plan.changes.length }));
    onClose();
  };
  const skipReason = (skip: ImportSkip) =>
    skip.kind === "unknownId"
      ? t("unknownId", { id: skip.id })
      : skip.kind === "invalidId"
        ? t("invalidId", { value: skip.value })
        : t("duplicateId", { id: skip.id, firstLine: skip.firstLine });
  const shown = (value: string) => value || <span className={styles.muted}>{t("emptyValue")}</span>;
  const label = { name: tTable("name"), comment: tTable("comment") };

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="import-title"
      aria-describedby={preview.encoding ? "import-encoding import-summary" : "import-summary"}
      onCancel={onClose}
    >
      <h2 id="import-title" className={styles.dialogTitle}>
        {t("title", { file: preview.file })}
      </h2>
      {preview.encoding && (
        <p className={styles.encoding}>
          <label htmlFor="import-encoding-pick">{tFile("encoding")}</label>{" "}
          <select
            id="import-encoding-pick"
            className={toolbar.select}
            value={preview.encoding}
            onChange={(e) => isCsvEncoding(e.target.value) && onEncoding(e.target.value)}
          >
            {CSV_ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {tFile(`encodings.${encoding}`)}
              </option>
            ))}
          </select>{" "}
          <span id="import-encoding" role="status">
            {tFile(preview.detected ? "readAsDetected" : "readAsChosen", {
              encoding: tFile(`encodings.${preview.encoding}`),
            })}
          </span>
        </p>
      )}
      {!plan && "problem" in preview && (
        <p id="import-summary" role="alert" className={styles.problem}>
          {preview.problem === "tooBig" || preview.problem === "replacement"
            ? tFile(preview.problem, { detail: preview.detail ?? "", limit: preview.limit ?? "" })
            : t(preview.problem, { detail: preview.detail ?? "" })}
        </p>
      )}
      {plan && (
        <>
          <p id="import-summary">
            {t("summary", {
              changes: plan.changes.length,
              unchanged: plan.unchanged,
              skipped: plan.skipped.length,
            })}
          </p>
          {invalid > 0 && <p className={styles.problem}>⚠ {t("invalidNote", { count: invalid })}</p>}
          <div className={styles.dialogBody}>
            {plan.changes.length > 0 && (
              <table className={styles.diff}>
                <caption>{t("changesCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("line")}</th>
                    <th scope="col">{t("id")}</th>
                    <th scope="col">{t("field")}</th>
                    <th scope="col">{t("before")}</th>
                    <th scope="col">{t("after")}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.changes.slice(0, LISTED).flatMap((change) =>
                    change.changed.map((field, i) => {
                      const error = change.errors?.[field];
                      return (
                        <tr key={`${change.id}:${field}`} data-id={change.id}>
                          <td>{i === 0 ? change.line : ""}</td>
                          <th scope="row">{i === 0 ? change.id : ""}</th>
                          <td className={styles.fieldLabel}>{label[field]}</td>
                          <td>
                            <del>{shown(change.before[field])}</del>
                          </td>
                          <td aria-invalid={error ? true : undefined}>
                            <ins>{shown(change.after[field])}</ins>
                            {error && <span className={styles.problem}> ⚠ {issueText(error, label[field])}</span>}
                          </td>
                        </tr>
                      );
                    }),
                  )}
                </tbody>
              </table>
            )}
            {plan.changes.length > LISTED && <p>{t("more", { count: plan.changes.length - LISTED })}</p>}
            {plan.skipped.length > 0 && (
              <table className={styles.diff}>
                <caption>{t("skippedCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("line")}</th>
                    <th scope="col">{t("reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.skipped.slice(0, LISTED).map((skip) => (
                    <tr key={skip.line}>
                      <td>{skip.line}</td>
                      <td className={styles.problem}>{skipReason(skip)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      )}
      <div className={styles.dialogActions}>
        <button type="button" className={toolbar.button} onClick={onClose}>
          {plan && plan.changes.length > 0 ? t("cancel") : t("close")}
        </button>
        {plan && plan.changes.length > 0 && (
          <button type="button" className={`${toolbar.button} ${toolbar.primary}`} onClick={apply}>
            {t("apply", { count: plan.changes.length })}
          </button>
        )}
      </div>
    </dialog>
  );
}

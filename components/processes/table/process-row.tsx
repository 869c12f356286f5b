"use client";

import { useTranslations } from "next-intl";
import { memo, useRef, type ChangeEvent } from "react";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import type { ProcessListingItem } from "@/lib/validations/process-listing";
import { LastChangeCell } from "../history/last-change-cell";
import { useEditor, useRowEntry, useSavingState } from "../editing/editor-context";
import { fieldError, isRowBlocked, type FieldName } from "../model/row-entry";
import { ConflictPanel } from "../editing/conflict-panel";
import { IdWithHistory } from "../history/id-with-history";
import { RowEditors } from "../presence/row-editors";
import { ApprovalMarks } from "./approval-marks";
import { RowActions } from "./row-actions";
import { RowStatus } from "./row-status";
import styles from "./process-table.module.css";

/**
 * One process, its inputs controlled by the edit store: the store holds the values and the messages (the
 * API's schema, then the server's), so a row unmounted by the virtualizer comes back as it was left. Keys
 * are the grid's (use-grid-keys.ts); a cell is found by its `data-field`.
 */
export const ProcessRow = memo(function ProcessRow({ process }: { process: ProcessListingItem }) {
  const t = useTranslations("table");
  const { store, actions } = useEditor();
  const { id } = process;
  const entry = useRowEntry(store, id);
  const saving = useSavingState(id);
  const nameRef = useRef<HTMLInputElement>(null);
  const values = entry?.draft ?? process;
  const saved = { name: process.name, comment: process.comment, version: process.version };

  const onChange = (field: FieldName) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    store.editRow(id, saved, { [field]: event.target.value });

  const label = { name: t("name"), comment: t("comment") };
  const field = (name: FieldName) => {
    const errorId = `${name}-error-${id}`;
    return {
      name,
      value: values[name],
      className: styles.input,
      "data-field": name,
      "aria-label": name === "name" ? t("nameOf", { id }) : t("commentOf", { id }),
      ...errorAttributes(errorId, fieldError(entry, name)),
      onChange: onChange(name),
    };
  };
  const message = (name: FieldName) => (
    <FieldError id={`${name}-error-${id}`} label={label[name]} message={fieldError(entry, name)} />
  );

  const edited = entry?.draft !== undefined;
  const canSave = edited && !isRowBlocked(entry) && saving === "idle";

  // The pressed button disables itself while saving; focus goes back to the row's first cell, not the page.
  const onSave = () => {
    nameRef.current?.focus();
    actions.saveRow(id);
  };

  return (
    <>
      <div role="gridcell" className={styles.idCell} data-label={t("id")}>
        <IdWithHistory id={id} onOpen={() => actions.openHistory(id)} />
        <ApprovalMarks id={id} />
      </div>
      <div role="gridcell" className={styles.fieldCell} data-label={label.name}>
        <input ref={nameRef} {...field("name")} autoComplete="off" spellCheck={false} />
        {message("name")}
      </div>
      <div role="gridcell" className={styles.fieldCell} data-label={label.comment}>
        <textarea {...field("comment")} className={`${styles.input} ${styles.textarea}`} rows={2} />
        {message("comment")}
      </div>
      <LastChangeCell process={process} role="gridcell" />
      <div role="gridcell" className={styles.statusCell}>
        <RowStatus entry={entry} saving={saving} />
        <RowEditors id={id} />
      </div>
      <div role="gridcell" className={styles.actionsCell}>
        <RowActions
          id={id}
          canSave={canSave}
          canDiscard={edited || Boolean(entry?.serverErrors)}
          saving={saving !== "idle"}
          onSave={onSave}
          onDiscard={() => {
            nameRef.current?.focus();
            actions.discardRow(id);
          }}
        />
      </div>
      {entry?.conflict && entry.draft && (
        <ConflictPanel
          id={id}
          conflict={entry.conflict}
          mine={entry.draft}
          onResolve={(choice) => {
            nameRef.current?.focus();
            actions.resolveConflict(id, choice);
          }}
        />
      )}
    </>
  );
});

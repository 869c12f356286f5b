"use client";

import { memo, type ChangeEvent, type KeyboardEvent } from "react";
import { errorAttributes, FieldError } from "@/components/ui/field-error";
import type { Process } from "@/lib/validations/process";
import { useEditor, useRowEntry, useSavingState } from "./editor-context";
import { fieldError, isRowBlocked, type FieldName } from "./row-entry";
import { RowActions } from "./row-actions";
import { RowStatus } from "./row-status";
import styles from "./process-table.module.css";

const LABELS: Record<FieldName, string> = { name: "Name", comment: "Comment" };

/**
 * One process, its inputs controlled by the edit store: the store holds the values and the messages (the
 * API's schema, then the server's), so a row unmounted by the virtualizer comes back as it was left.
 */
export const ProcessRow = memo(function ProcessRow({ process }: { process: Process }) {
  const { store, actions } = useEditor();
  const { id } = process;
  const entry = useRowEntry(store, id);
  const saving = useSavingState(id);
  const values = entry?.draft ?? process;
  const saved = { name: process.name, comment: process.comment };

  const onChange = (field: FieldName) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    store.editRow(id, saved, { [field]: event.target.value });

  const onKeyDown = (field: FieldName) => (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      store.editRow(id, saved, { [field]: saved[field] });
    } else if (event.key === "Enter" && (field === "name" || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      actions.saveRow(id);
    }
  };

  const field = (name: FieldName) => {
    const errorId = `${name}-error-${id}`;
    return {
      name,
      value: values[name],
      className: styles.input,
      "aria-label": `${LABELS[name]} of process ${id}`,
      ...errorAttributes(errorId, fieldError(entry, name)),
      onChange: onChange(name),
      onKeyDown: onKeyDown(name),
    };
  };
  const message = (name: FieldName) => (
    <FieldError id={`${name}-error-${id}`} label={LABELS[name]} message={fieldError(entry, name)} />
  );

  const edited = entry?.draft !== undefined;
  const canSave = edited && !isRowBlocked(entry) && saving === "idle";

  return (
    <>
      <div role="cell" className={styles.idCell}>
        {id}
      </div>
      <div role="cell" className={styles.fieldCell}>
        <input {...field("name")} autoComplete="off" spellCheck={false} />
        {message("name")}
      </div>
      <div role="cell" className={styles.fieldCell}>
        <textarea {...field("comment")} className={`${styles.input} ${styles.textarea}`} rows={2} />
        {message("comment")}
      </div>
      <div role="cell" className={styles.statusCell}>
        <RowStatus entry={entry} saving={saving} />
      </div>
      <div role="cell" className={styles.actionsCell}>
        <RowActions
          id={id}
          canSave={canSave}
          canDiscard={edited || Boolean(entry?.serverErrors)}
          saving={saving !== "idle"}
          onSave={() => actions.saveRow(id)}
          onDiscard={() => actions.discardRow(id)}
        />
      </div>
    </>
  );
});

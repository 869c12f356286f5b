"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { memo, useEffect, useRef, type KeyboardEvent } from "react";
import { useForm } from "react-hook-form";
import { processFieldsSchema, type Process, type ProcessFields } from "@/lib/validations/process";
import { useEditor, useRowEntry, useSavingState } from "./editor-context";
import { isRowBlocked, type FieldName } from "./edit-store";
import { FieldMessage } from "./field-message";
import { RowActions } from "./row-actions";
import { RowStatus } from "./row-status";
import styles from "./process-table.module.css";

const sameFields = (a: ProcessFields, b: ProcessFields) => a.name === b.name && a.comment === b.comment;

/**
 * One process as a form of its own (react-hook-form with the API's schema). The edits live in the store,
 * so the form is rebuilt from there whenever the virtualizer mounts the row again.
 */
export const ProcessRow = memo(function ProcessRow({ process }: { process: Process }) {
  const { store, actions } = useEditor();
  const { id } = process;
  const entry = useRowEntry(store, id);
  const saving = useSavingState(id);
  const base = { name: process.name, comment: process.comment };
  const baseRef = useRef(base);
  baseRef.current = base;

  const form = useForm<ProcessFields>({
    resolver: zodResolver(processFieldsSchema),
    mode: "all",
    defaultValues: entry?.draft ?? base,
  });
  const { errors } = form.formState;

  // Discard, a save, a refetch or the sign-in round trip changed the row from outside: follow the store.
  // A remounted row with a draft shows its messages again; fields the server refused keep the server's.
  const target = entry?.draft ?? base;
  const mounted = useRef(false);
  useEffect(() => {
    const changed = !sameFields(form.getValues(), target);
    if (changed) form.reset(target);
    const unrefused = (["name", "comment"] as const).filter((f) => !entry?.serverErrors?.[f]);
    if (entry?.draft && (changed || !mounted.current) && unrefused.length > 0) void form.trigger(unrefused);
    mounted.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow the values, not the object identities
  }, [target.name, target.comment]);

  // The server's reasons (1001) land on the same fields as the schema's.
  const serverErrors = entry?.serverErrors;
  useEffect(() => {
    for (const field of ["name", "comment"] as const) {
      const message = serverErrors?.[field];
      if (message) form.setError(field, { type: "server", message });
    }
  }, [serverErrors, form]);

  const sync = (changed: FieldName) => {
    const values = form.getValues();
    const draft = sameFields(values, baseRef.current) ? undefined : { name: values.name, comment: values.comment };
    store.setDraft(id, draft, changed);
  };

  const revert = (field: FieldName) => {
    if (form.getValues(field) === baseRef.current[field]) return;
    form.setValue(field, baseRef.current[field], { shouldValidate: true, shouldDirty: true });
    sync(field);
  };

  const onKeyDown = (field: FieldName) => (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      revert(field);
    } else if (event.key === "Enter" && (field === "name" || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      actions.saveRow(id);
    }
  };

  const nameField = form.register("name", { onChange: () => sync("name") });
  const commentField = form.register("comment", { onChange: () => sync("comment") });
  const edited = entry?.draft !== undefined;
  const canSave = edited && !isRowBlocked(entry!) && saving === "idle";

  return (
    <>
      <div role="cell" className={styles.idCell}>
        {id}
      </div>
      <div role="cell" className={styles.fieldCell}>
        <input
          {...nameField}
          className={styles.input}
          aria-label={`Name of process ${id}`}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `name-error-${id}` : undefined}
          autoComplete="off"
          spellCheck={false}
          onKeyDown={onKeyDown("name")}
        />
        <FieldMessage id={`name-error-${id}`} label="Name" message={errors.name?.message} />
      </div>
      <div role="cell" className={styles.fieldCell}>
        <textarea
          {...commentField}
          className={`${styles.input} ${styles.textarea}`}
          rows={2}
          aria-label={`Comment of process ${id}`}
          aria-invalid={errors.comment ? true : undefined}
          aria-describedby={errors.comment ? `comment-error-${id}` : undefined}
          onKeyDown={onKeyDown("comment")}
        />
        <FieldMessage id={`comment-error-${id}`} label="Comment" message={errors.comment?.message} />
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

import styles from "./process-table.module.css";

/** A field's reason, worded "Name must not be empty": the schema's messages are predicates without a subject. */
export function FieldMessage({ id, label, message }: { id: string; label: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className={styles.fieldError}>
      <span aria-hidden="true">⚠ </span>
      {label} {message}
    </p>
  );
}

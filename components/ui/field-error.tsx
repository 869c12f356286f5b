import styles from "./field-error.module.css";

type Props = {
  /** Referenced by the input's aria-describedby (see `errorAttributes`), so the reason is read with it. */
  id: string;
  /** Prefixed to the message: the schemas word reasons as predicates ("must not be empty"). */
  label?: string;
  message?: string;
};

/** A field's reason under it, for every form and the row editor alike; nothing when there is none. */
export function FieldError({ id, label, message }: Props) {
  if (!message) return null;
  return (
    <p id={id} className={styles.fieldError}>
      <span aria-hidden="true">⚠ </span>
      {label ? `${label} ${message}` : message}
    </p>
  );
}

/** The input's side: invalid, and described by the message while there is one (else by `otherwise`). */
export function errorAttributes(id: string, message: string | undefined, otherwise?: string) {
  return { "aria-invalid": message ? true : undefined, "aria-describedby": message ? id : otherwise };
}

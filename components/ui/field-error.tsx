"use client";

import styles from "./field-error.module.css";
import { useIssueText } from "./use-issue-text";

type Props = {
  /** Referenced by the input's aria-describedby (see `errorAttributes`), so the reason is read with it. */
  id: string;
  /** Joined with the message (the schemas word reasons as predicates: "must not be empty"). */
  label?: string;
  message?: string;
};

/** A field's reason under it, for every form and the row editor alike; nothing when there is none. */
export function FieldError({ id, label, message }: Props) {
  const text = useIssueText();
  if (!message) return null;
  return (
    <p id={id} className={styles.fieldError}>
      <span aria-hidden="true">⚠ </span>
      {text(message, label)}
    </p>
  );
}

/** The input's side: invalid, and described by the message while there is one (else by `otherwise`). */
export function errorAttributes(id: string, message: string | undefined, otherwise?: string) {
  return { "aria-invalid": message ? true : undefined, "aria-describedby": message ? id : otherwise };
}

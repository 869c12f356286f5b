"use client";

import { useEffect, useRef, type ReactNode } from "react";
import styles from "./users.module.css";

type Props = { labelledBy: string; onClose: () => void; children: ReactNode };

/** A native modal dialog (focus kept inside, Escape closes, the page behind inert). */
export function Modal({ labelledBy, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby={labelledBy} onCancel={onClose}>
      <div className={styles.dialogBody}>{children}</div>
    </dialog>
  );
}

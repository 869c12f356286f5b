"use client";

import { Modal } from "./modal";
import styles from "./users.module.css";

type Props = { title: string; body: string; ok: string; cancel: string; onConfirm: () => void; onClose: () => void };

/** Asks before a destructive action; Cancel (or Escape) changes nothing. */
export function ConfirmDialog({ title, body, ok, cancel, onConfirm, onClose }: Props) {
  return (
    <Modal labelledBy="confirm-title" onClose={onClose}>
      <h2 id="confirm-title" className={styles.dialogTitle}>
        {title}
      </h2>
      <p>{body}</p>
      <div className={styles.row}>
        <button
          type="button"
          className={`${styles.button} ${styles.primary}`}
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          {ok}
        </button>
        <button type="button" className={styles.button} onClick={onClose} autoFocus>
          {cancel}
        </button>
      </div>
    </Modal>
  );
}

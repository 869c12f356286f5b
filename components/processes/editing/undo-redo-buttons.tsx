"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import type { EditStore } from "./edit-store";
import styles from "../toolbar.module.css";

/** Undo and redo across cells (arrows, named by their labels: the words took a toolbar line, 044) (typing in a cell, a paste, Discard, Discard all), also Ctrl/Cmd+Z and +Shift+Z. */
export function UndoRedoButtons({ store }: { store: EditStore }) {
  const t = useTranslations("toolbar");
  const history = useSyncExternalStore(store.subscribe, store.getHistory, store.getHistory);
  return (
    <div className={styles.actions}>
      <button
        type="button"
        className={styles.button}
        onClick={store.undo}
        disabled={history.undo === 0}
        aria-keyshortcuts="Control+Z Meta+Z"
        aria-label={t("undo")}
        title={t("undo")}
      >
        <span aria-hidden="true">↶</span>
      </button>
      <button
        type="button"
        className={styles.button}
        onClick={store.redo}
        disabled={history.redo === 0}
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
        aria-label={t("redo")}
        title={t("redo")}
      >
        <span aria-hidden="true">↷</span>
      </button>
    </div>
  );
}

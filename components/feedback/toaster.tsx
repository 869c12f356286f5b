"use client";

import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import styles from "./toaster.module.css";

export type Tone = "success" | "error" | "info";
type Toast = { id: number; tone: Tone; message: string };
type Notify = (tone: Tone, message: string) => void;

const NotifyContext = createContext<Notify>(() => {});

const TOAST_MS = 6_000;
const ICON: Record<Tone, string> = { success: "✓", error: "!", info: "i" };

/**
 * Toasts for everyone, and the same words in live regions for screen readers: successes politely,
 * failures assertively. The regions stay mounted so that assistive technology notices changes.
 */
export function Toaster({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>(
    (tone, message) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-3), { id, tone, message }]);
      setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );

  const polite = toasts.filter((t) => t.tone !== "error");
  const urgent = toasts.filter((t) => t.tone === "error");
  const render = (toast: Toast) => (
    <div key={toast.id} className={`${styles.toast} ${styles[toast.tone]}`}>
      <span className={styles.icon} aria-hidden="true">
        {ICON[toast.tone]}
      </span>
      <span className={styles.message}>{toast.message}</span>
      <button
        type="button"
        className={styles.close}
        aria-label={t("dismissNotification")}
        onClick={() => dismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <div className={styles.stack}>
        <div role="status" aria-live="polite" className={styles.region}>
          {polite.map(render)}
        </div>
        <div role="alert" aria-live="assertive" className={styles.region}>
          {urgent.map(render)}
        </div>
      </div>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}

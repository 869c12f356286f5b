"use client";

import { useTranslations } from "next-intl";
import {
  createContext,
  useCallback,
  useContext,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from "react";
import styles from "./toaster.module.css";

export type Tone = "success" | "error" | "info";
/** A button in the toast (Undo after a save): pressing it runs the action and closes the toast. */
export type ToastAction = { label: string; run: () => void };
type Toast = { id: number; tone: Tone; message: string; action?: ToastAction };
type Notify = (tone: Tone, message: string, action?: ToastAction) => void;

const NotifyContext = createContext<Notify>(() => {});

const TOAST_MS = 6_000;
const ICON: Record<Tone, string> = { success: "✓", error: "!", info: "i" };

/**
 * Toasts for everyone, and the same words in live regions for screen readers: successes politely,
 * failures assertively. The regions stay mounted so that assistive technology notices changes. They are the
 * only live regions for these messages (a message with a banner gets no toast), so each is announced once.
 */
export function Toaster({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const stackRef = useRef<HTMLDivElement>(null);
  useReservedSpace(stackRef, toasts.length > 0);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>(
    (tone, message, action) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-3), { id, tone, message, action }]);
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
      {toast.action && (
        <button
          type="button"
          className={styles.action}
          onClick={() => {
            dismiss(toast.id);
            toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
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
      <div ref={stackRef} className={styles.stack}>
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

/**
 * Toasts sit over the page's bottom edge; `--toast-space` (the stack's height and margin, 0 without toasts)
 * lets layouts keep that strip free, so no toast covers a row's Save or the toolbar (settings-shell).
 */
function useReservedSpace(stackRef: RefObject<HTMLDivElement | null>, shown: boolean): void {
  useLayoutEffect(() => {
    const stack = stackRef.current;
    const root = document.documentElement;
    if (!stack || !shown) {
      root.style.removeProperty("--toast-space");
      return;
    }
    const reserve = () => {
      const { top } = stack.getBoundingClientRect();
      root.style.setProperty("--toast-space", `${Math.ceil(window.innerHeight - top) + 8}px`);
      // The list just got shorter: the row being worked in stays in sight, clear of the toasts (WCAG 2.4.11;
      // the page's scroll-padding keeps the strip out of "in sight" where the whole page scrolls).
      const focused = document.activeElement;
      if (focused instanceof HTMLElement && focused !== document.body)
        (focused.closest('[role="row"]') ?? focused).scrollIntoView({ block: "nearest" });
    };
    reserve();
    const observer = new ResizeObserver(reserve);
    observer.observe(stack);
    window.addEventListener("resize", reserve);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", reserve);
    };
  }, [stackRef, shown]);
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}

import { useTranslations } from "next-intl";
import type { LiveState } from "./use-process-events";
import styles from "./live-status.module.css";

/** Whether other people's changes are arriving: quiet while they are, a little louder when paused. */
export function LiveStatus({ state }: { state: LiveState }) {
  const t = useTranslations("live");
  const text = state === "live" ? t("on") : state === "paused" ? t("paused") : t("connecting");
  return (
    <p role="status" className={`${styles.live} ${state === "paused" ? styles.paused : ""}`} data-live={state}>
      <span aria-hidden="true" className={styles.dot} />
      {text}
    </p>
  );
}

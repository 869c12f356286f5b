import { onlineManager } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import type { LiveState } from "./use-process-events";
import styles from "./live-status.module.css";

const isOnline = () => onlineManager.isOnline();
const onServer = () => true;

/**
 * Whether other people's changes are arriving: quiet while they are, a little louder when paused, and plain
 * about a browser that has no network (an open stream may not notice for a while; the browser does at once).
 */
export function LiveStatus({ state }: { state: LiveState }) {
  const t = useTranslations("live");
  const network = useTranslations("network");
  const online = useSyncExternalStore(onlineManager.subscribe, isOnline, onServer);
  const shown = online ? state : "offline";
  const text =
    shown === "offline"
      ? network("offline")
      : shown === "live"
        ? t("on")
        : shown === "paused"
          ? t("paused")
          : t("connecting");
  return (
    <p
      role="status"
      className={`${styles.live} ${shown === "paused" || shown === "offline" ? styles.paused : ""}`}
      data-live={shown}
    >
      <span aria-hidden="true" className={styles.dot} />
      {text}
    </p>
  );
}

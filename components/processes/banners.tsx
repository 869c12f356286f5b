"use client";

import { useMutationState } from "@tanstack/react-query";
import { isApiError } from "@/lib/query/api-error";
import { processKeys } from "@/lib/query/processes";
import styles from "./banners.module.css";

export type Banner =
  { kind: "database" } | { kind: "refused"; rows: number; unplaced: string[] } | { kind: "rate-limited" };

type Props = { banner: Banner | null; onDismiss: () => void; onRetry: () => void };

export function Banners({ banner, onDismiss, onRetry }: Props) {
  return (
    <>
      <RetryingBanner />
      {banner?.kind === "database" && (
        <div className={`${styles.banner} ${styles.danger}`} role="alert">
          <span className={styles.icon} aria-hidden="true">
            !
          </span>
          <div className={styles.body}>
            <strong>The database is unavailable.</strong> Nothing was saved; your edits are kept. Try again in a moment.
          </div>
          <button type="button" className={styles.action} onClick={onRetry}>
            Try again
          </button>
          <DismissButton onDismiss={onDismiss} />
        </div>
      )}
      {banner?.kind === "refused" && (
        <div className={`${styles.banner} ${styles.danger}`} role="alert">
          <span className={styles.icon} aria-hidden="true">
            !
          </span>
          <div className={styles.body}>
            <strong>Nothing was saved.</strong>{" "}
            {banner.rows === 1
              ? "The server refused 1 row; it is marked below. Fix or discard it, then save again."
              : `The server refused ${banner.rows} rows; they are marked below. Fix or discard them, then save again.`}
            {banner.unplaced.length > 0 && <div className={styles.detail}>{banner.unplaced.join("; ")}</div>}
          </div>
          <DismissButton onDismiss={onDismiss} />
        </div>
      )}
      {banner?.kind === "rate-limited" && (
        <div className={`${styles.banner} ${styles.warn}`} role="alert">
          <span className={styles.icon} aria-hidden="true">
            !
          </span>
          <div className={styles.body}>
            <strong>Too many requests.</strong> Your edits are kept; save again in a moment.
          </div>
          <DismissButton onDismiss={onDismiss} />
        </div>
      )}
    </>
  );
}

function DismissButton({ onDismiss }: { onDismiss: () => void }) {
  return (
    <button type="button" className={styles.dismiss} aria-label="Dismiss message" onClick={onDismiss}>
      ×
    </button>
  );
}

/** While a save waits out a 429, say so; React Query retries it after the server's Retry-After. */
function RetryingBanner() {
  const waits = useMutationState({
    filters: { mutationKey: processKeys.all, status: "pending" },
    select: (m) => {
      const reason = m.state.failureReason;
      return isApiError(reason) && reason.code === 6001 ? (reason.retryAfterSeconds ?? 1) : null;
    },
  }).filter((s): s is number => s !== null);
  if (waits.length === 0) return null;
  return (
    <div className={`${styles.banner} ${styles.warn}`} role="status">
      <span className={styles.icon} aria-hidden="true">
        ↻
      </span>
      <div className={styles.body}>
        <strong>Too many requests.</strong> Saving again automatically in {Math.max(...waits)} s; your edits are kept.
      </div>
    </div>
  );
}

export function ReadOnlyNotice({ role, lostAccess }: { role: string; lostAccess: boolean }) {
  return (
    <div className={`${styles.banner} ${styles.info}`} role="note">
      <span className={styles.icon} aria-hidden="true">
        i
      </span>
      <div className={styles.body}>
        <strong>Read only.</strong>{" "}
        {lostAccess
          ? "The server no longer allows your account to change processes; edits cannot be saved."
          : `Your role (${role}) can view processes but not change them. Ask a Super user if you need to edit.`}
      </div>
    </div>
  );
}

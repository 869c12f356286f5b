"use client";

import { useMutationState } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useRoleName } from "@/components/ui/use-role-name";
import type { Role } from "@/lib/auth/roles";
import { isApiError } from "@/lib/query/api-error";
import { processKeys } from "@/lib/query/processes";
import styles from "./banners.module.css";

export type Banner =
  { kind: "database" } | { kind: "refused"; rows: number; unplaced: string[] } | { kind: "rate-limited" };

type Props = { banner: Banner | null; onDismiss: () => void; onRetry: () => void };

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

export function Banners({ banner, onDismiss, onRetry }: Props) {
  const t = useTranslations("banners");
  return (
    <>
      <RetryingBanner />
      {banner?.kind === "database" && (
        <div className={`${styles.banner} ${styles.danger}`} role="alert">
          <span className={styles.icon} aria-hidden="true">
            !
          </span>
          <div className={styles.body}>{t.rich("database", { strong })}</div>
          <button type="button" className={styles.action} onClick={onRetry}>
            {t("tryAgain")}
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
            {t.rich("refused", { strong, count: banner.rows })}
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
          <div className={styles.body}>{t.rich("rateLimited", { strong })}</div>
          <DismissButton onDismiss={onDismiss} />
        </div>
      )}
    </>
  );
}

function DismissButton({ onDismiss }: { onDismiss: () => void }) {
  const t = useTranslations("common");
  return (
    <button type="button" className={styles.dismiss} aria-label={t("dismissMessage")} onClick={onDismiss}>
      ×
    </button>
  );
}

/** While a save waits out a 429, say so; React Query retries it after the server's Retry-After. */
function RetryingBanner() {
  const t = useTranslations("banners");
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
      <div className={styles.body}>{t.rich("retrying", { strong, seconds: Math.max(...waits) })}</div>
    </div>
  );
}

export function ReadOnlyNotice({ role, lostAccess }: { role: Role; lostAccess: boolean }) {
  const t = useTranslations("banners");
  const roleName = useRoleName();
  return (
    <div className={`${styles.banner} ${styles.info}`} role="note">
      <span className={styles.icon} aria-hidden="true">
        i
      </span>
      <div className={styles.body}>
        {lostAccess ? t.rich("readOnlyLost", { strong }) : t.rich("readOnlyRole", { strong, role: roleName(role) })}
      </div>
    </div>
  );
}

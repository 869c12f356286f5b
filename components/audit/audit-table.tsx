"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useAuditEvents } from "@/lib/query/audit";
import type { AuditEventView, AuditFilter } from "@/lib/validations/audit";
import { ACTION_KEYS, isAuditAction } from "./action-keys";
import styles from "@/components/account/account.module.css";

type Party = AuditEventView["actor"];

export function AuditTable({ filter }: { filter: AuditFilter }) {
  const t = useTranslations("audit");
  const format = useFormatter();
  const query = useAuditEvents(filter);
  const events = query.data?.pages.flatMap((p) => p.events) ?? [];

  const party = (p: Party | null) => {
    if (!p) return "";
    if (p.type === "anonymous") return t("anonymous");
    if (p.type === "system") return t("system");
    const name = p.name ?? `#${p.id}`;
    return p.type === "token" ? t("tokenNamed", { name }) : name;
  };
  const detail = (d: AuditEventView["detail"]) =>
    Object.entries(d)
      .map(([k, v]) => (k === "reason" && typeof v === "string" ? t(`reasons.${reasonKey(v)}`) : `${k}: ${String(v)}`))
      .join(", ");

  if (query.isPending) return <p className={styles.empty}>{t("loading")}</p>;
  if (query.isError) return <p role="alert">{t("notLoaded", { reason: query.error.message })}</p>;
  if (events.length === 0) return <p className={styles.empty}>{t("empty")}</p>;
  return (
    <>
      {/* Wider than the page on small screens: the scrolling region takes focus, so keyboards can scroll it. */}
      <div className={styles.tableWrap} tabIndex={0} role="region" aria-label={t("caption")}>
        <table className={styles.table}>
          <caption className="visually-hidden">{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.at")}</th>
              <th scope="col">{t("columns.action")}</th>
              <th scope="col">{t("columns.actor")}</th>
              <th scope="col">{t("columns.target")}</th>
              <th scope="col">{t("columns.address")}</th>
              <th scope="col">{t("columns.detail")}</th>
              <th scope="col">{t("columns.requestId")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{format.dateTime(new Date(e.at), { dateStyle: "medium", timeStyle: "medium" })}</td>
                <th scope="row">{isAuditAction(e.action) ? t(`actions.${ACTION_KEYS[e.action]}`) : e.action}</th>
                <td className={styles.wrapCell}>{party(e.actor)}</td>
                <td className={styles.wrapCell}>{party(e.target)}</td>
                <td>{e.ip ?? ""}</td>
                <td className={styles.wrapCell}>{detail(e.detail)}</td>
                <td>
                  <code>{e.requestId ?? ""}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.hasNextPage && (
        <div className={styles.toolbar}>
          <button
            type="button"
            className={styles.button}
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            aria-busy={query.isFetchingNextPage || undefined}
          >
            {query.isFetchingNextPage ? t("loading") : t("loadMore")}
          </button>
        </div>
      )}
    </>
  );
}

const REASONS = {
  "wrong-credentials": "wrongCredentials",
  limited: "limited",
  busy: "busy",
  disabled: "disabled",
  "local-not-allowed": "localNotAllowed",
} as const;
const reasonKey = (reason: string) => REASONS[reason as keyof typeof REASONS] ?? "other";

"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { auditCsvHref } from "@/lib/query/audit";
import type { AuditFilter } from "@/lib/validations/audit";
import { ACTION_KEYS, isAuditAction } from "./action-keys";
import styles from "@/components/account/account.module.css";

type Props = { filter: AuditFilter; onApply: (filter: AuditFilter) => void };

/** A datetime-local value (the browser's time zone) as an instant the API takes, or undefined. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function AuditFilters({ filter, onApply }: Props) {
  const t = useTranslations("audit");
  const [person, setPerson] = useState(filter.person ?? "");
  const [action, setAction] = useState<string>(filter.action ?? "");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      person: person.trim() || undefined,
      action: isAuditAction(action) ? action : undefined,
      from: toInstant(from),
      to: toInstant(to),
    });
  };

  return (
    <form className={styles.card} onSubmit={onSubmit} aria-labelledby="audit-filters-title">
      <h2 id="audit-filters-title" className={styles.cardTitle}>
        {t("filtersTitle")}
      </h2>
      <div className={styles.formGrid}>
        <div className={styles.field}>
          <label htmlFor="audit-person">{t("person")}</label>
          <input
            id="audit-person"
            className={styles.input}
            value={person}
            onChange={(e) => setPerson(e.target.value)}
            aria-describedby="audit-person-hint"
          />
          <p id="audit-person-hint" className={styles.hint}>
            {t("personHint")}
          </p>
        </div>
        <div className={styles.field}>
          <label htmlFor="audit-action">{t("action")}</label>
          <select id="audit-action" className={styles.input} value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t("anyAction")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`actions.${ACTION_KEYS[a]}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="audit-from">{t("from")}</label>
          <input
            id="audit-from"
            type="datetime-local"
            className={styles.input}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="audit-to">{t("to")}</label>
          <input
            id="audit-to"
            type="datetime-local"
            className={styles.input}
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
      </div>
      <div className={styles.toolbar}>
        <button type="submit" className={`${styles.button} ${styles.primary}`}>
          {t("apply")}
        </button>
        {/* A plain link: the browser downloads the file (Content-Disposition), with the session cookie. */}
        <a className={styles.button} href={auditCsvHref(filter)} download>
          {t("downloadCsv")}
        </a>
      </div>
    </form>
  );
}

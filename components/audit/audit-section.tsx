"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AuditFilter } from "@/lib/validations/audit";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";
import styles from "@/components/account/account.module.css";

// The security audit log (/settings/audit, Super users): filters, the events newest first, more on demand, CSV.
export function AuditSection() {
  const t = useTranslations("audit");
  const [filter, setFilter] = useState<AuditFilter>({});
  return (
    <div className={styles.page}>
      <header>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.subtitle}>{t("subtitle")}</p>
      </header>
      <AuditFilters filter={filter} onApply={setFilter} />
      <AuditTable filter={filter} />
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useAccount } from "@/lib/query/account";
import { LanguageForm } from "./language-form";
import { PasswordForm } from "./password-form";
import { SessionsTable } from "./sessions-table";
import styles from "./account.module.css";

// The account page: one's own password, sessions and language (/settings/account, everyone signed in).
export function AccountSection() {
  const t = useTranslations("account");
  const { data: account } = useAccount();
  return (
    <div className={styles.page}>
      <header>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.subtitle}>
          {account ? `${account.email}${account.name ? ` · ${account.name}` : ""}` : ""}
        </p>
      </header>
      {account?.source === "local" ? (
        <PasswordForm />
      ) : (
        account && <p className={styles.hint}>{t("directoryPassword", { source: account.source.toUpperCase() })}</p>
      )}
      <SessionsTable />
      <LanguageForm />
    </div>
  );
}

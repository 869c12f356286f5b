"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition, type ChangeEvent } from "react";
import { useNotify } from "@/components/feedback/toaster";
import { isLocale, LOCALES } from "@/lib/i18n/locale";
import { useAccount, useUpdateAccount } from "@/lib/query/account";
import styles from "./account.module.css";

const NATIVE_NAMES = { ru: "Русский", en: "English" } as const;

/** The account's language: kept on the server (every browser the person signs in with), applied at once here. */
export function LanguageForm() {
  const t = useTranslations("account");
  const notify = useNotify();
  const router = useRouter();
  const { data: account } = useAccount();
  const update = useUpdateAccount();
  const [refreshing, startTransition] = useTransition();

  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    const locale = isLocale(value) ? value : null;
    // The answer sets (or clears) the locale cookie; the server's part is then rendered again in it.
    update.mutate(
      { locale },
      {
        onSuccess: () => startTransition(() => router.refresh()),
        onError: (error) => notify("error", t("languageNotSaved", { reason: error.message })),
      },
    );
  };

  const busy = update.isPending || refreshing;
  return (
    <section className={styles.card} aria-labelledby="language-title">
      <h2 id="language-title" className={styles.cardTitle}>
        {t("languageTitle")}
      </h2>
      <div className={styles.field}>
        <label htmlFor="account-language">{t("language")}</label>
        <select
          id="account-language"
          className={styles.input}
          value={account?.locale ?? "browser"}
          onChange={onChange}
          disabled={busy || !account}
          aria-busy={busy || undefined}
          aria-describedby="account-language-hint"
        >
          <option value="browser">{t("browserLanguage")}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {NATIVE_NAMES[l]}
            </option>
          ))}
        </select>
        <p id="account-language-hint" className={styles.hint}>
          {t("languageHint")}
        </p>
      </div>
    </section>
  );
}

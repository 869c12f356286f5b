"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition, type ChangeEvent } from "react";
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALES } from "@/lib/i18n/locale";
import styles from "./locale-switcher.module.css";

// Each language named in itself, so an operator finds theirs whatever the page shows now.
const NATIVE_NAMES = { ru: "Русский", en: "English" } as const;

/**
 * Keeps the choice in a cookie and re-renders the server's part in the new language. Not a reload: the
 * page's unsaved edits (client state) stay, and the leave guard has nothing to ask.
 */
export function LocaleSwitcher() {
  const locale = useLocale();
  const t = useTranslations("common");
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value;
    if (!isLocale(next)) return;
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
    startTransition(() => router.refresh());
  };

  return (
    <div className={styles.switcher}>
      <label htmlFor="locale-switcher">{t("language")}</label>
      <select
        id="locale-switcher"
        className={styles.select}
        value={locale}
        onChange={onChange}
        disabled={pending}
        aria-busy={pending || undefined}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

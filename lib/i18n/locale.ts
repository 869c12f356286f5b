// The page's languages. Pure (no Next imports): the request config, the switcher and tests share it.
export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Where a chosen language is kept; read on every page request, written by the switcher. */
export const LOCALE_COOKIE = "locale";
/** A year: the choice is a preference, not a session. */
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** When neither the cookie nor Accept-Language names one of ours. */
export const FALLBACK_LOCALE: Locale = "en";

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/**
 * The language to show: the operator's choice (cookie) when valid, else the first of ours that the browser
 * prefers by Accept-Language's q-values (ru-RU counts as ru), else the fallback.
 */
export function resolveLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split("-")[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((r) => r.language).find(isLocale) ?? FALLBACK_LOCALE;
}

/** The Set-Cookie that keeps a person's language in this browser (null: forget it, follow Accept-Language). */
export function localeSetCookie(locale: Locale | null): string {
  return locale === null
    ? `${LOCALE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
    : `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax`;
}

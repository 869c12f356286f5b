import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "./locale";

const catalogs = {
  ru: () => import("@/messages/ru.json"),
  en: () => import("@/messages/en.json"),
} satisfies Record<Locale, () => Promise<{ default: unknown }>>;

// next-intl without locale routing: one URL per page; the language comes with each request.
export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  // Dates read the same on the server's render and in the browser: the plant's (the server's) time zone.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { locale, timeZone, messages: (await catalogs[locale]()).default };
});

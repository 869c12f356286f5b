// GET /api/v1/history.html – the trail of one process or of a period as a print-ready page (ru, en) for an inspector
import { parseWith, singleValuedQuery } from "@/lib/api/parse-with";
import { withApi } from "@/lib/api/with-api";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locale";
import { trailHtmlStream } from "@/lib/trail/trail-html";
import { trailReportWords } from "@/lib/trail/trail-report-labels";
import { trailHealth } from "@/lib/trail/trail-schedule";
import { trailReportQuerySchema } from "@/lib/validations/trail-export";

export const GET = withApi("GET /api/v1/history.html", async ({ request, caller }) => {
  const { lang, ...filter } = parseWith(trailReportQuerySchema, singleValuedQuery(request.nextUrl.searchParams));
  const locale =
    lang ?? resolveLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
  const words = await trailReportWords(locale, caller, trailHealth());
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return new Response(trailHtmlStream({ filter, locale, timeZone, ...words }), {
    headers: {
      "Content-Type": "text/html; charset=UTF-8",
      "Cache-Control": "no-store",
      // The page holds operators' text: it may style itself, nothing else (no script, no fetch, no frame).
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
});

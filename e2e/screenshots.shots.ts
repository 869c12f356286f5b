import type { Browser } from "@playwright/test";
import { apiProcesses, expect, nameField, test } from "./support/fixtures";

// The table's layouts of docs/decisions/044 in both languages, as the README shows them: desktop (1280 × 800)
// in the default and the compact density, a tablet in landscape (1180 × 820, touch) and a phone (390 × 844,
// touch). The window only (not the whole page), one edited row: small files, the states that matter.

const layouts = [
  { name: "desktop", width: 1280, height: 800, touch: false, density: "standard" },
  { name: "desktop-compact", width: 1280, height: 800, touch: false, density: "compact" },
  { name: "tablet", width: 1180, height: 820, touch: true, density: "standard" },
  { name: "phone", width: 390, height: 844, touch: true, density: "standard" },
] as const;

const open = (browser: Browser, baseURL: string, locale: string, layout: (typeof layouts)[number]) =>
  browser.newContext({
    baseURL,
    locale,
    viewport: { width: layout.width, height: layout.height },
    hasTouch: layout.touch,
    isMobile: layout.touch,
  });

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(uiLocale, () => {
    test.use({ uiLocale });
    for (const layout of layouts) {
      test(`table-${uiLocale}-${layout.name}`, async ({ browser, app, signIn, locale, text }) => {
        await app.seed(40, { demo: true });
        const context = await open(browser, app.baseUrl, locale!, layout);
        await context.addInitScript((density) => {
          localStorage.setItem("settings.processes.density", density);
        }, layout.density);
        const page = await context.newPage();
        await signIn(page);
        const [, second] = await apiProcesses(page.request);
        await nameField(page, second!.id, uiLocale).fill(
          uiLocale === "ru" ? "Экструзия, линия 1 (правка)" : "Extrusion line 1 (edited)",
        );
        await expect(page.getByRole("grid").getByText(text.rowState.edited, { exact: true })).toBeVisible();
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `docs/screenshots/table-${uiLocale}-${layout.name}.png` });
        await context.close();
      });
    }
  });
}

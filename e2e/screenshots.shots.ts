import type { Browser } from "@playwright/test";
import { apiProcesses, expect, nameField, test } from "./support/fixtures";

// The table's layouts of docs/decisions/044 in both languages, as the README shows them: desktop (1280 × 800)
// in the default and the compact density, a tablet in landscape (1180 × 820, touch) and a phone (390 × 844,
// touch). The window only (not the whole page), one edited row: small files, the states that matter. Then the
// dialogs of issue 22's first part on a desktop and a phone: the import preview of Russian Excel's Windows-1251
// file, and find and replace with its preview.

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

const dialogLayouts = layouts.filter((l) => l.name === "desktop" || l.name === "phone");
// "Обезжиривание" and "Травление" in Windows-1251, written out by hand as Russian Excel saves them.
const win1251 = (hex: string) => Buffer.from(hex, "hex");
const DEGREASING_1251 = win1251("cee1e5e7e6e8f0e8e2e0ede8e5");
const ETCHING_1251 = win1251("d2f0e0e2ebe5ede8e5");

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`${uiLocale} dialogs`, () => {
    test.use({ uiLocale });
    for (const layout of dialogLayouts) {
      test(`import-${uiLocale}-${layout.name}`, async ({ browser, app, signIn, locale, text }) => {
        await app.seed(40, { demo: true });
        const context = await open(browser, app.baseUrl, locale!, layout);
        const page = await context.newPage();
        await signIn(page);
        const [first, second] = await apiProcesses(page.request);
        const latin = (t: string) => Buffer.from(t, "latin1");
        const file = Buffer.concat([
          latin(`id;name;comment\r\n${first!.id};`),
          DEGREASING_1251,
          latin(`;${first!.comment}\r\n${second!.id};`),
          ETCHING_1251,
          latin(`;${second!.comment}\r\n`),
        ]);
        // On a phone the import sits behind "More tools".
        if (layout.touch) await page.getByRole("button", { name: text.toolbar.more, exact: true }).click();
        await page
          .getByLabel(text.csv.fileLabel)
          .setInputFiles({ name: "excel.csv", mimeType: "text/csv", buffer: file });
        const dialog = page.getByRole("dialog", { name: text.csv.title.replace("{file}", "excel.csv") });
        await expect(dialog.getByText("Обезжиривание").first()).toBeVisible();
        await page.screenshot({ path: `docs/screenshots/import-${uiLocale}-${layout.name}.png` });
        await context.close();
      });

      test(`replace-${uiLocale}-${layout.name}`, async ({ browser, app, signIn, locale, text }) => {
        await app.seed(40, { demo: true });
        const context = await open(browser, app.baseUrl, locale!, layout);
        const page = await context.newPage();
        await signIn(page);
        const [, second] = await apiProcesses(page.request);
        await nameField(page, second!.id, uiLocale).focus();
        await page.keyboard.press("ControlOrMeta+h");
        const dialog = page.getByRole("dialog", { name: text.tableReplace.title });
        await dialog.getByLabel(text.tableReplace.find, { exact: true }).fill("Extrusion line");
        await dialog
          .getByLabel(text.tableReplace.with, { exact: true })
          .fill(uiLocale === "ru" ? "Экструзия, линия" : "Extruder");
        await expect(dialog.locator(`tr[data-id="${second!.id}"] ins`).first()).toBeVisible();
        await page.screenshot({ path: `docs/screenshots/replace-${uiLocale}-${layout.name}.png` });
        await context.close();
      });
    }
  });
}

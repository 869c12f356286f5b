import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";

import { createTranslator } from "next-intl";
import { apiProcesses, expect, nameField, row, test, type App } from "./support/fixtures";

// `npm run screenshots`: the states issue 22 added, in both languages, on a desktop (1280 × 800) and a phone
// (390 × 844, touch), into docs/screenshots/: no network, a selected range after Ctrl+C, the toast that offers
// Undo after a save, a paste mapped by its id column, a row found by its id, and the Help menu. Each state is also
// checked with axe: a serious or critical finding fails the run. The specs in e2e/ test the behaviour; these
// only take the pictures.

const layouts = [
  { name: "desktop", width: 1280, height: 800, touch: false },
  { name: "phone", width: 390, height: 844, touch: true },
] as const;

type Layout = (typeof layouts)[number];

async function openContext(browser: Browser, baseURL: string, locale: string, layout: Layout) {
  const context = await browser.newContext({
    baseURL,
    locale,
    viewport: { width: layout.width, height: layout.height },
    hasTouch: layout.touch,
    isMobile: layout.touch,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  return context;
}

async function shoot(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, name).toEqual([]);
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`${uiLocale} states`, () => {
    test.use({ uiLocale });
    for (const layout of layouts) {
      const named = (state: string) => `${state}-${uiLocale}-${layout.name}`;
      let context: BrowserContext | null = null;
      test.afterEach(async () => {
        await context?.close();
        context = null;
      });
      type Setup = { browser: Browser; app: App; signIn: (page: Page) => Promise<void>; locale?: string };
      /** Forty demo processes, this layout's window, signed in as the Super user. */
      const signedInPage = async ({ browser, app, signIn, locale }: Setup) => {
        await app.seed(40, { demo: true });
        context = await openContext(browser, app.baseUrl, locale!, layout);
        const page = await context.newPage();
        await signIn(page);
        return page;
      };

      test(named("offline"), async ({ browser, app, signIn, locale, text }) => {
        const page = await signedInPage({ browser, app, signIn, locale });
        const [first] = await apiProcesses(page.request);
        await page.context().setOffline(true);
        await expect(page.getByRole("status").filter({ hasText: text.network.offline })).toBeVisible();
        await nameField(page, first!.id, uiLocale).fill(uiLocale === "ru" ? "Сохранится позже" : "Saved later");
        await page
          .getByRole("button", { name: text.table.saveOf.replace("{id}", String(first!.id)), exact: true })
          .click();
        await expect(row(page, first!.id).getByText(text.network.waiting, { exact: true })).toBeVisible();
        await shoot(page, named("offline"));
      });

      test(named("range"), async ({ browser, app, signIn, locale, text }) => {
        const t = createTranslator({ locale: uiLocale, messages: text });
        const page = await signedInPage({ browser, app, signIn, locale });
        const [first] = await apiProcesses(page.request);
        await nameField(page, first!.id, uiLocale).focus();
        for (const key of ["Shift+ArrowDown", "Shift+ArrowDown", "Shift+ArrowRight"]) await page.keyboard.press(key);
        await page.keyboard.press("ControlOrMeta+c");
        await expect(page.getByText(t("tableRange.copied", { cells: 6 }))).toBeVisible();
        await shoot(page, named("range"));
      });

      test(named("save-undo"), async ({ browser, app, signIn, locale, text }) => {
        const t = createTranslator({ locale: uiLocale, messages: text });
        const page = await signedInPage({ browser, app, signIn, locale });
        const [a, b] = await apiProcesses(page.request);
        await nameField(page, a!.id, uiLocale).fill(uiLocale === "ru" ? "Анодирование" : "Anodizing");
        await nameField(page, b!.id, uiLocale).fill(uiLocale === "ru" ? "Пайка" : "Brazing");
        const saveAll = page.getByRole("button", { name: text.toolbar.saveAll });
        // On a phone it may sit behind "More tools".
        if (!(await saveAll.isVisible()))
          await page.getByRole("button", { name: text.toolbar.more, exact: true }).click();
        await saveAll.click();
        const toast = page.getByRole("status").filter({ hasText: t("outcome.savedMany", { count: 2 }) });
        await expect(toast.getByRole("button", { name: text.tableUndo.undo })).toBeVisible();
        await shoot(page, named("save-undo"));
      });

      test(named("paste-by-id"), async ({ browser, app, signIn, locale, text }) => {
        const t = createTranslator({ locale: uiLocale, messages: text });
        const page = await signedInPage({ browser, app, signIn, locale });
        const [a, , c] = await apiProcesses(page.request);
        await nameField(page, a!.id, uiLocale).focus();
        page.once("dialog", (dialog) => void dialog.accept());
        const [renamedC, renamedA] =
          uiLocale === "ru" ? ["Травление, линия 2", "Анодирование"] : ["Etching line 2", "Anodizing"];
        const block = `${c!.id}\t${renamedC}\tComment C\n${a!.id}\t${renamedA}\t\n999999\tGhost\tx\n`;
        await page.evaluate((data) => navigator.clipboard.writeText(data), block);
        await page.keyboard.press("ControlOrMeta+v");
        await expect(nameField(page, c!.id, uiLocale)).toHaveValue(renamedC);
        await expect(
          page.getByText(`${t("table.pasted", { cells: 4, rows: 2 })} ${t("tablePaste.pastedById")}`),
        ).toBeVisible();
        await shoot(page, named("paste-by-id"));
      });

      test(named("find-row"), async ({ browser, app, signIn, locale, text }) => {
        const page = await signedInPage({ browser, app, signIn, locale });
        const processes = await apiProcesses(page.request);
        const target = processes[11]!;
        const filter = page.getByLabel(text.toolbar.filter);
        await filter.fill(String(target.id));
        await expect(row(page, target.id)).toBeVisible();
        await filter.press("Enter");
        await expect(nameField(page, target.id, uiLocale)).toBeFocused();
        await shoot(page, named("find-row"));
      });

      test(named("help"), async ({ browser, app, signIn, locale, text }) => {
        const page = await signedInPage({ browser, app, signIn, locale });
        await page.getByText(text.help.menu, { exact: true }).click();
        await expect(page.getByRole("link", { name: new RegExp(text.help.apiReference) })).toBeVisible();
        await shoot(page, named("help"));
      });
    }
  });
}

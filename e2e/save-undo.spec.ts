// Issue 22, item 4: undo across a save. The toast after a save offers Undo, and Ctrl+Z after a save undoes it:
// a new save of the previous values against the versions just written, so that someone's change made since
// is a conflict, never overwritten.
import type { Browser, Page } from "@playwright/test";
import { createTranslator } from "next-intl";
import { take } from "@/test/support/take";
import { apiProcesses, expect, nameField, OPERATOR, test, type Account } from "./support/fixtures";

async function otherOperator(browser: Browser, baseURL: string, signIn: (p: Page, a?: Account) => Promise<void>) {
  const context = await browser.newContext({ baseURL });
  const other = await context.newPage();
  await signIn(other, OPERATOR);
  return other;
}

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`${uiLocale}: undo across a save`, () => {
    test.use({ uiLocale });

    test("after Save all the toast offers Undo: the previous values are saved back", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      const t = createTranslator({ locale: uiLocale, messages: text });
      await app.seed(3);
      await signIn(page);
      const [a, b] = take(await apiProcesses(page.request), 2);
      await nameField(page, a.id, uiLocale).fill("Anodizing");
      await nameField(page, b.id, uiLocale).fill("Brazing");
      await page.getByRole("button", { name: text.toolbar.saveAll }).click();
      const toast = page.getByRole("status").filter({ hasText: t("outcome.savedMany", { count: 2 }) });
      await expect(toast).toBeVisible();
      expect((await apiProcesses(page.request)).find((p) => p.id === a.id)?.name).toBe("Anodizing");

      await toast.getByRole("button", { name: text.tableUndo.undo }).click();
      await expect(page.getByText(t("tableUndo.undone", { count: 2, id: a.id }))).toBeVisible();
      await expect(nameField(page, a.id, uiLocale)).toHaveValue(a.name);
      await expect(nameField(page, b.id, uiLocale)).toHaveValue(b.name);
      const after = new Map((await apiProcesses(page.request)).map((p) => [p.id, p.name]));
      expect([after.get(a.id), after.get(b.id)]).toEqual([a.name, b.name]);
      await expect(page.getByText(text.toolbar.noChanges)).toBeVisible();
    });

    test("Ctrl+Z after a row's save undoes it", async ({ page, app, signIn, text }) => {
      const t = createTranslator({ locale: uiLocale, messages: text });
      await app.seed(2);
      await signIn(page);
      const [a] = take(await apiProcesses(page.request), 1);
      await nameField(page, a.id, uiLocale).fill("Anodizing");
      await page.keyboard.press("Control+Enter");
      await expect(page.getByText(t("outcome.savedOne", { id: a.id }))).toBeVisible();
      await page.keyboard.press("ControlOrMeta+z");
      await expect(page.getByText(t("tableUndo.undone", { count: 1, id: a.id }))).toBeVisible();
      expect((await apiProcesses(page.request)).find((p) => p.id === a.id)?.name).toBe(a.name);
      await expect(nameField(page, a.id, uiLocale)).toHaveValue(a.name);
    });

    test("someone's change since the save: undo meets it as a conflict, nothing overwritten", async ({
      page,
      app,
      browser,
      signIn,
      text,
    }) => {
      const t = createTranslator({ locale: uiLocale, messages: text });
      await app.seed(2);
      await signIn(page);
      const [a] = take(await apiProcesses(page.request), 1);
      // Off the event stream: the page does not learn of the other save until its own meets it.
      await page.route("**/api/v1/processes/events", (route) => route.abort());
      await page.reload();
      await nameField(page, a.id, uiLocale).fill("Mine");
      await page.keyboard.press("Control+Enter");
      await expect(page.getByText(t("outcome.savedOne", { id: a.id }))).toBeVisible();

      const other = await otherOperator(browser, app.baseUrl, signIn);
      await nameField(other, a.id, uiLocale).fill("Theirs");
      await other.keyboard.press("Control+Enter");
      await expect(other.getByText(t("outcome.savedOne", { id: a.id }))).toBeVisible();

      await nameField(page, a.id, uiLocale).focus();
      await page.keyboard.press("ControlOrMeta+z");
      await expect(page.getByRole("group", { name: new RegExp(t("live.conflictLabel", { id: a.id })) })).toBeVisible();
      expect((await apiProcesses(page.request)).find((p) => p.id === a.id)?.name).toBe("Theirs");
      await other.context().close();
    });
  });
}

// Issue 22, item 5: find and replace (Ctrl+H) over the names and comments of the rows shown, with a preview
// of each change, applied as one undo step.
import AxeBuilder from "@axe-core/playwright";
import { createTranslator } from "next-intl";
import { take } from "@/test/support/take";
import { apiProcesses, commentField, expect, nameField, test } from "./support/fixtures";

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`${uiLocale}: find and replace`, () => {
    test.use({ uiLocale });

    test("Ctrl+H over the shown rows: a preview of each change, applied as one undo step", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      const t = createTranslator({ locale: uiLocale, messages: text });
      await app.seed(3);
      await signIn(page);
      const [first, second] = take(await apiProcesses(page.request), 2);
      // Only the first row shown: the second one also holds "Process", and stays as it is.
      await page.getByLabel(text.toolbar.filter).fill(first.name);
      await expect(nameField(page, second.id, uiLocale)).toHaveCount(0);
      await nameField(page, first.id, uiLocale).focus();
      await page.keyboard.press("ControlOrMeta+h");
      const dialog = page.getByRole("dialog", { name: text.tableReplace.title });
      await expect(dialog).toBeVisible();
      await dialog.getByLabel(text.tableReplace.find, { exact: true }).fill("process");
      await dialog.getByLabel(text.tableReplace.with, { exact: true }).fill("Процесс");
      await expect(dialog.getByRole("status")).toHaveText(t("tableReplace.summary", { count: 2, rows: 1 }));
      await expect(dialog.locator(`tr[data-id="${first.id}"] ins`)).toHaveText([
        first.name.replace("Process", "Процесс"),
        first.comment.replace("Process", "Процесс"),
      ]);
      const axe = await new AxeBuilder({ page }).include("dialog").analyze();
      expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
      await dialog.getByRole("button", { name: t("tableReplace.apply", { count: 2 }) }).click();
      await expect(dialog).toBeHidden();
      await expect(nameField(page, first.id, uiLocale)).toHaveValue(first.name.replace("Process", "Процесс"));
      await expect(commentField(page, first.id, uiLocale)).toHaveValue(first.comment.replace("Process", "Процесс"));

      await page.getByLabel(text.toolbar.filter).fill("");
      await expect(nameField(page, second.id, uiLocale)).toHaveValue(second.name);
      await page.getByRole("button", { name: text.toolbar.undo, exact: true }).click();
      await expect(nameField(page, first.id, uiLocale)).toHaveValue(first.name);
      await expect(commentField(page, first.id, uiLocale)).toHaveValue(first.comment);
      await expect(page.getByText(text.toolbar.noChanges)).toBeVisible();
    });
  });
}

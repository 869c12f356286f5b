// Issue 22, item 6: range selection and copy out. Shift+arrows and Shift+click select a block, Ctrl+C copies
// it as TSV, Ctrl+A selects every shown row, Ctrl+D fills down, Delete clears the block's comments (names are
// required: the toast says so).
import type { Page } from "@playwright/test";
import { createTranslator } from "next-intl";
import { take } from "@/test/support/take";
import { apiProcesses, commentField, expect, nameField, test } from "./support/fixtures";

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`${uiLocale}: range selection`, () => {
    test.use({ uiLocale });

    test("Shift+arrows select a block; Ctrl+C copies TSV; Ctrl+D fills down; Delete clears comments", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      const t = createTranslator({ locale: uiLocale, messages: text });
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await app.seed(4);
      await signIn(page);
      const [a, b, c, d] = take(await apiProcesses(page.request), 4);
      await nameField(page, a.id, uiLocale).focus();
      await page.keyboard.press("Shift+ArrowDown");
      await page.keyboard.press("Shift+ArrowDown");
      await page.keyboard.press("Shift+ArrowRight");
      await expect(commentField(page, c.id, uiLocale)).toHaveAttribute("data-selected", "true");
      await expect(nameField(page, d.id, uiLocale)).not.toHaveAttribute("data-selected", "true");
      await page.keyboard.press("ControlOrMeta+c");
      await expect(page.getByText(t("tableRange.copied", { cells: 6 }))).toBeVisible();
      expect(await clipboardText(page)).toBe([a, b, c].map((p) => `${p.name}\t${p.comment}`).join("\r\n"));

      await page.keyboard.press("ControlOrMeta+d");
      await expect(nameField(page, c.id, uiLocale)).toHaveValue(a.name);
      await expect(commentField(page, b.id, uiLocale)).toHaveValue(a.comment);
      await expect(nameField(page, d.id, uiLocale)).toHaveValue(d.name);
      await page.getByRole("button", { name: text.toolbar.undo, exact: true }).click();
      await expect(nameField(page, c.id, uiLocale)).toHaveValue(c.name);

      await nameField(page, a.id, uiLocale).focus();
      await page.keyboard.press("Shift+ArrowDown");
      await page.keyboard.press("Shift+ArrowRight");
      await page.keyboard.press("Delete");
      await expect(page.getByText(text.tableRange.namesKept)).toBeVisible();
      await expect(commentField(page, a.id, uiLocale)).toHaveValue("");
      await expect(commentField(page, b.id, uiLocale)).toHaveValue("");
      await expect(nameField(page, a.id, uiLocale)).toHaveValue(a.name);
      await expect(commentField(page, c.id, uiLocale)).toHaveValue(c.comment);
    });

    test("Ctrl+A selects every shown row; Shift+click selects from the cell last worked in", async ({
      page,
      app,
      signIn,
    }) => {
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await app.seed(3);
      await signIn(page);
      const list = await apiProcesses(page.request);
      const [a, b] = take(list, 2);
      await nameField(page, a.id, uiLocale).focus();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.press("ControlOrMeta+c");
      expect(await clipboardText(page)).toBe(list.map((p) => `${p.name}\t${p.comment}`).join("\r\n"));

      await commentField(page, a.id, uiLocale).click();
      await commentField(page, b.id, uiLocale).click({ modifiers: ["Shift"] });
      await page.keyboard.press("ControlOrMeta+c");
      expect(await clipboardText(page)).toBe(`${a.comment}\r\n${b.comment}`);
    });
  });
}

// Issue 22, item 5 (find a row) and Why item 9 (Ctrl+Z scope): digits alone put that id on top, Enter or
// ArrowDown in the filter reach the first row, the placeholder says how to search; Ctrl+Z in the filter or in
// a cell being edited is that field's own undo, not a grid step.
import type { Page } from "@playwright/test";
import { createTranslator } from "next-intl";
import { take } from "@/test/support/take";
import { apiProcesses, commentField, expect, nameField, test } from "./support/fixtures";

/** The ids of the rows on screen, top down. */
async function shownIds(page: Page): Promise<number[]> {
  const rows = page.locator('[role="rowgroup"] > [role="row"][data-id]');
  return rows.evaluateAll((els) =>
    els
      .map((el) => ({ index: Number((el as HTMLElement).dataset.index), id: Number((el as HTMLElement).dataset.id) }))
      .sort((a, b) => a.index - b.index)
      .map((r) => r.id),
  );
}

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`${uiLocale}: find a row, Ctrl+Z scope`, () => {
    test.use({ uiLocale });

    test("digits alone: the exact id first; Enter and ArrowDown go to its first cell", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      await app.seed(4);
      await signIn(page);
      const [first, , target] = take(await apiProcesses(page.request), 3);
      // The first row's comment holds the target's id as part of a date: it matches too, but below.
      await commentField(page, first.id, uiLocale).fill(`since 06.${target.id}`);
      const filter = page.getByLabel(text.toolbar.filter);
      await expect(filter).toHaveAttribute("placeholder", text.tableFind.placeholder);
      await filter.fill(String(target.id));
      await expect.poll(() => shownIds(page)).toEqual([target.id, first.id]);
      await filter.press("Enter");
      await expect(nameField(page, target.id, uiLocale)).toBeFocused();

      await filter.fill(`#${target.id}`);
      await expect.poll(() => shownIds(page)).toEqual([target.id]);
      await filter.press("ArrowDown");
      await expect(nameField(page, target.id, uiLocale)).toBeFocused();
    });

    test("Ctrl+Z in the filter undoes the filter's typing, not a grid edit", async ({ page, app, signIn, text }) => {
      const t = createTranslator({ locale: uiLocale, messages: text });
      await app.seed(3);
      await signIn(page);
      const [first] = take(await apiProcesses(page.request), 1);
      await nameField(page, first.id, uiLocale).fill("Anodizing");
      await expect(page.getByText(t("toolbar.unsaved", { count: 1 }))).toBeVisible();
      const filter = page.getByLabel(text.toolbar.filter);
      await filter.pressSequentially("zzz");
      await expect(filter).toHaveValue("zzz");
      await page.keyboard.press("ControlOrMeta+z");
      await expect(filter).not.toHaveValue("zzz");
      await filter.fill("");
      await expect(nameField(page, first.id, uiLocale)).toHaveValue("Anodizing");
      await expect(page.getByText(t("toolbar.unsaved", { count: 1 }))).toBeVisible();
    });

    test("Ctrl+Z in a cell being edited takes back the last typing, not the whole cell", async ({
      page,
      app,
      signIn,
    }) => {
      await app.seed(2);
      await signIn(page);
      const [first] = take(await apiProcesses(page.request), 1);
      const cell = commentField(page, first.id, uiLocale);
      await cell.focus();
      await page.keyboard.press("F2");
      await page.keyboard.insertText(" pasted");
      await page.keyboard.type("!");
      await expect(cell).toHaveValue(`${first.comment} pasted!`);
      await page.keyboard.press("ControlOrMeta+z");
      // The field's own undo: the last typing goes; the grid's would have reverted the whole cell.
      await expect(cell).toHaveValue(`${first.comment} pasted`);
    });
  });
}

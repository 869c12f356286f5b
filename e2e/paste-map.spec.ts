// Issue 22, item 3: a paste does what the operator meant. In a cell being edited it is the text field's own
// (at the caret, newlines included); onto a selected cell a block spreads, mapped by an id column or a header
// row when it has one (the question says so and lists what is left out); the count is of the cells that landed.
import type { Page } from "@playwright/test";
import { createTranslator } from "next-intl";
import { take } from "@/test/support/take";
import { apiProcesses, commentField, expect, nameField, test } from "./support/fixtures";

/** Puts text on the real clipboard and presses Ctrl+V: the browser's own paste, default action included. */
async function paste(page: Page, text: string) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((data) => navigator.clipboard.writeText(data), text);
  await page.keyboard.press("ControlOrMeta+v");
}

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`${uiLocale}: paste`, () => {
    test.use({ uiLocale });

    test("into a cell being edited, multi-line text goes in at the caret; the next row is untouched", async ({
      page,
      app,
      signIn,
    }) => {
      await app.seed(3);
      await signIn(page);
      const [a, b] = take(await apiProcesses(page.request), 2);
      await commentField(page, a.id, uiLocale).focus();
      await page.keyboard.press("F2"); // edit, caret at the end
      await page.keyboard.press("Home"); // the caret to the start of the text
      await paste(page, "Line 1\nLine 2 ");
      await expect(commentField(page, a.id, uiLocale)).toHaveValue(`Line 1\nLine 2 ${a.comment}`);
      await expect(commentField(page, b.id, uiLocale)).toHaveValue(b.comment);
      await expect(nameField(page, b.id, uiLocale)).toHaveValue(b.name);
    });

    test("a block with its id column goes by id; an id not shown is listed; the toast says how", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      const t = createTranslator({ locale: uiLocale, messages: text });
      await app.seed(4);
      await signIn(page);
      const [a, b, c] = take(await apiProcesses(page.request), 3);
      await nameField(page, a.id, uiLocale).focus();
      let question = "";
      page.once("dialog", (dialog) => {
        question = dialog.message();
        void dialog.accept();
      });
      await paste(page, `${c.id}\tRenamed C\tComment C\n${a.id}\tRenamed A\t\n999999\tGhost\tx\n`);
      await expect(nameField(page, c.id, uiLocale)).toHaveValue("Renamed C");
      expect(question).toBe(
        [
          t("tablePaste.byId"),
          `${t("tablePaste.leftOut")} ${t("tablePaste.unknownId", { id: "999999" })}.`,
          t("tablePaste.ask", { cells: 4, rows: 2 }),
        ].join("\n"),
      );
      await expect(commentField(page, c.id, uiLocale)).toHaveValue("Comment C");
      await expect(nameField(page, a.id, uiLocale)).toHaveValue("Renamed A");
      await expect(commentField(page, a.id, uiLocale)).toHaveValue("");
      await expect(nameField(page, b.id, uiLocale)).toHaveValue(b.name);
      await expect(
        page.getByText(`${t("table.pasted", { cells: 4, rows: 2 })} ${t("tablePaste.pastedById")}`),
      ).toBeVisible();
    });

    test("a block with a header row goes by column name; an unknown column is listed", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      const t = createTranslator({ locale: uiLocale, messages: text });
      await app.seed(3);
      await signIn(page);
      const [a, b] = take(await apiProcesses(page.request), 2);
      await nameField(page, b.id, uiLocale).focus();
      let question = "";
      page.once("dialog", (dialog) => {
        question = dialog.message();
        void dialog.accept();
      });
      await paste(page, `${text.table.comment}\t${text.table.name}\tExtra\nNew comment\tNew name\tz\n`);
      await expect(nameField(page, b.id, uiLocale)).toHaveValue("New name");
      await expect(commentField(page, b.id, uiLocale)).toHaveValue("New comment");
      await expect(nameField(page, a.id, uiLocale)).toHaveValue(a.name);
      expect(question).toBe(
        [
          t("tablePaste.byHeader"),
          `${t("tablePaste.leftOut")} ${t("tablePaste.column", { name: "Extra" })}.`,
          t("tablePaste.ask", { cells: 2, rows: 1 }),
        ].join("\n"),
      );
    });

    test("a paste past the end counts the cells that landed", async ({ page, app, signIn, text }) => {
      const t = createTranslator({ locale: uiLocale, messages: text });
      await app.seed(3);
      await signIn(page);
      const list = await apiProcesses(page.request);
      const last = list[list.length - 1]!;
      await nameField(page, last.id, uiLocale).focus();
      page.once("dialog", (dialog) => void dialog.accept());
      await paste(page, "A\ta\nB\tb\nC\tc\nD\td\n");
      await expect(nameField(page, last.id, uiLocale)).toHaveValue("A");
      // 8 cells in the block, 2 landed in the one row there is.
      await expect(page.getByText(t("table.pasted", { cells: 2, rows: 1 }), { exact: true })).toBeVisible();
    });
  });
}

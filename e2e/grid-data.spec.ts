// Issue 12, items 5, 7 and 8: sorting kept in the address, CSV export then import through the preview, and
// the "last changed" column, in both languages (the CSV delimiter and the relative time follow the locale).
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { TEST_ADMIN } from "@/test/support/accounts";
import { take } from "@/test/support/take";
import { apiProcesses, expect, nameField, row, test } from "./support/fixtures";

/** The ids of the first `count` rows on screen, top down. */
async function firstIds(page: Page, count: number): Promise<number[]> {
  const rows = page.locator('[role="rowgroup"] > [role="row"][data-id]');
  await expect(rows.first()).toBeVisible();
  const ids = await rows.evaluateAll((els) =>
    els
      .map((el) => ({ index: Number((el as HTMLElement).dataset.index), id: Number((el as HTMLElement).dataset.id) }))
      .sort((a, b) => a.index - b.index)
      .map((r) => r.id),
  );
  return ids.slice(0, count);
}

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`${uiLocale}: sort, CSV, last changed`, () => {
    test.use({ uiLocale });

    test("sorting by name descending is in the address and survives a reload", async ({ page, app, signIn, text }) => {
      await app.seed(12);
      await signIn(page);
      const byName = new Map((await apiProcesses(page.request)).map((p) => [p.name, p.id]));
      const nameHeader = page.getByRole("columnheader", { name: text.table.name });
      await expect(nameHeader).toHaveAttribute("aria-sort", "none");
      await expect(page.getByRole("columnheader", { name: text.table.id })).toHaveAttribute("aria-sort", "ascending");

      await nameHeader.getByRole("button").click();
      await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
      // Numbers inside names compare as numbers: Process 2 before Process 10.
      expect(await firstIds(page, 3)).toEqual(["Process 1", "Process 2", "Process 3"].map((n) => byName.get(n)));
      await nameHeader.getByRole("button").click();
      await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
      await expect(page).toHaveURL(/\?sort=name&dir=desc$/);
      const expected = ["Process 12", "Process 11", "Process 10"].map((n) => byName.get(n));
      expect(await firstIds(page, 3)).toEqual(expected);

      await page.reload();
      await expect(page.getByRole("columnheader", { name: text.table.name })).toHaveAttribute(
        "aria-sort",
        "descending",
      );
      expect(await firstIds(page, 3)).toEqual(expected);
    });

    test("export all, change one row in the file, import: preview, apply, Save all, persisted", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      await app.seed(5);
      await signIn(page);
      const [, second] = take(await apiProcesses(page.request), 2);
      // Seeded by the system; the time is relative, in the locale's words.
      await expect(row(page, second.id).getByText(text.lastChange.bySystem)).toBeVisible();
      await expect(row(page, second.id).locator("time")).toHaveText(uiLocale === "ru" ? "сейчас" : "now");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: text.csv.exportAll }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^processes-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile((await download.path())!, "utf8");
      const d = uiLocale === "ru" ? ";" : ",";
      expect(csv.startsWith(`\uFEFFid${d}name${d}comment\r\n`)).toBe(true);
      const line = `${second.id}${d}${second.name}${d}${second.comment}`;
      expect(csv.split("\r\n")).toContain(line);

      const renamed = uiLocale === "ru" ? "Травление, ванна 2" : "Etching, tank 2";
      const edited = csv.replace(line, `${second.id}${d}"${renamed}"${d}${second.comment}`);
      await page.getByLabel(text.csv.fileLabel).setInputFiles({
        name: "changed.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(edited, "utf8"),
      });
      const dialog = page.getByRole("dialog", { name: text.csv.title.replace("{file}", "changed.csv") });
      await expect(dialog).toBeVisible();
      const diff = dialog.locator(`tr[data-id="${second.id}"]`);
      await expect(diff.locator("del")).toHaveText(second.name);
      await expect(diff.locator("ins")).toHaveText(renamed);
      await expect(dialog.locator("tbody tr")).toHaveCount(1);

      await dialog.getByRole("button", { name: new RegExp(`^${text.csv.apply.split(" ")[0]}`) }).click();
      await expect(dialog).toBeHidden();
      await expect(nameField(page, second.id, uiLocale)).toHaveValue(renamed);
      await expect(row(page, second.id).getByText(text.rowState.edited, { exact: true })).toBeVisible();

      await page.getByRole("button", { name: text.toolbar.saveAll }).click();
      await expect(row(page, second.id).getByText(text.rowState.saved, { exact: true })).toBeVisible();
      const after = (await apiProcesses(page.request)).find((p) => p.id === second.id);
      expect(after?.name).toBe(renamed);
      // The save is this user's now, in the column at once.
      await expect(row(page, second.id).getByText(TEST_ADMIN.email)).toBeVisible();
    });

    test("an import with an unknown id, an invalid name and a duplicate shows them; Cancel changes nothing", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      await app.seed(3);
      await signIn(page);
      const [first, second] = take(await apiProcesses(page.request), 2);
      const file = `id,name,comment\n${first.id},,x\n${second.id},${second.name},\n${second.id},Again,\n999999,Ghost,\n`;
      await page.getByLabel(text.csv.fileLabel).setInputFiles({
        name: "bad.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(file, "utf8"),
      });
      const dialog = page.getByRole("dialog");
      await expect(dialog).toBeVisible();
      await expect(dialog.locator(`tr[data-id="${first.id}"] [aria-invalid="true"]`)).toBeVisible();
      await expect(dialog.getByText(text.csv.unknownId.replace("{id}", "999999"))).toBeVisible();
      // Line 1 is the header: the second row's first line (3) counts, its repeat on line 4 is skipped.
      const duplicate = text.csv.duplicateId.replace("{id}", String(second.id)).replace("{firstLine}", "3");
      await expect(dialog.getByText(duplicate, { exact: true })).toBeVisible();
      const axe = await new AxeBuilder({ page }).include("dialog").analyze();
      expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
      await dialog.getByRole("button", { name: text.csv.cancel }).click();
      await expect(dialog).toBeHidden();
      await expect(nameField(page, first.id, uiLocale)).toHaveValue(first.name);
      await expect(page.getByText(text.toolbar.noChanges)).toBeVisible();
    });
  });
}

test("at 10,000 rows: sorted by name, a row saved while worked in keeps its place until the next sort", async ({
  page,
  app,
  signIn,
}) => {
  test.slow();
  await app.seed(10_000);
  await signIn(page);
  const list = await apiProcesses(page.request);
  const id = (name: string) => list.find((p) => p.name === name)!.id;
  const nameButton = page.getByRole("columnheader", { name: "Name" }).getByRole("button");
  await nameButton.click();
  await nameButton.click();
  // Descending, numbers as numbers: Process 10000 first, then 9999.
  await expect.poll(() => firstIds(page, 2)).toEqual([id("Process 10000"), id("Process 9999")]);

  await nameButton.click();
  await expect.poll(() => firstIds(page, 3)).toEqual([id("Process 1"), id("Process 2"), id("Process 3")]);
  const first = nameField(page, id("Process 1"));
  await first.fill("Zinc plating");
  await first.press("Control+Enter");
  await expect(row(page, id("Process 1")).getByText("Saved", { exact: true })).toBeVisible();
  // Saved as "Zinc plating" it would sort last; worked in, it stays first.
  expect(await firstIds(page, 2)).toEqual([id("Process 1"), id("Process 2")]);

  await nameButton.click();
  await expect.poll(() => firstIds(page, 2)).toEqual([id("Process 1"), id("Process 10000")]);
  await expect(page.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "descending");
});

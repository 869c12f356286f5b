import { apiProcesses, expect, nameField, rowState, test } from "./support/fixtures";

test("2,000 rows: edits and focus survive scrolling out of view; Tab walks row after row", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(2_000);
  await signIn(page);
  const list = await apiProcesses(page.request);
  const first = list[0]!;
  const last = list[list.length - 1]!;
  const scroller = page.getByTestId("process-table-scroller");

  // Only a window of rows is in the document.
  expect(await page.getByRole("row").count()).toBeLessThan(60);

  await nameField(page, first.id).fill("First, edited");
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(nameField(page, last.id)).toBeVisible();
  // The focused row stays mounted while far out of view.
  await expect(nameField(page, first.id)).toBeFocused();

  await nameField(page, last.id).fill("Last, edited");
  await expect(nameField(page, first.id)).toHaveCount(0);
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(nameField(page, first.id)).toHaveValue("First, edited");
  await expect(rowState(page, first.id, "Edited")).toBeVisible();
  await expect(page.getByText("2 unsaved rows")).toBeVisible();

  // Tab from row 1 through 30 rows (name, comment each) lands on row 31's name, far below the first window.
  await nameField(page, list[1]!.id).focus();
  for (let i = 0; i < 60; i++) await page.keyboard.press("Tab");
  await expect(nameField(page, list[31]!.id)).toBeFocused();

  await page.keyboard.press("Control+s");
  await expect(page.getByText("2 processes saved.")).toBeVisible();
  const after = await apiProcesses(page.request);
  expect(after[0]!.name).toBe("First, edited");
  expect(after[after.length - 1]!.name).toBe("Last, edited");
});

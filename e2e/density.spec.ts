import { apiProcesses, expect, row, test } from "./support/fixtures";

test("compact rows are about 36 px, and the choice is remembered", async ({ page, app, signIn }) => {
  await app.seed(40);
  await signIn(page);
  const [first] = await apiProcesses(page.request);
  const height = async () => (await row(page, first!.id).boundingBox())!.height;
  expect(await height()).toBeGreaterThan(60);

  await page.getByLabel("Rows").selectOption("compact");
  await expect.poll(height).toBeLessThanOrEqual(38);
  // About 36 px: a 30 px control, 2 px above and below, the 1 px rule.
  expect(await height()).toBeGreaterThanOrEqual(34);
  const visibleRows = await page.locator('[role="row"][data-id]').count();
  expect(visibleRows).toBeGreaterThan(15);

  await page.reload();
  await expect(page.getByLabel("Rows")).toHaveValue("compact");
  await expect.poll(height).toBeLessThanOrEqual(40);
  await page.getByLabel("Rows").selectOption("comfortable");
  await expect.poll(height).toBeGreaterThan(60);
});

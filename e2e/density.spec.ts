import { apiProcesses, expect, row, test } from "./support/fixtures";

// Three densities (docs/decisions/044): standard by default (one line, about 35 px), compact (about 27 px) and
// comfortable (two-line comments); the choice is kept in this browser.
test("standard rows by default, compact and comfortable on choice, and the choice is remembered", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(40);
  await signIn(page);
  const [first] = await apiProcesses(page.request);
  const height = async () => (await row(page, first!.id).boundingBox())!.height;
  const rows = page.getByLabel("Rows");
  await expect(rows).toHaveValue("standard");
  // About 35 px: a 30 px control, 2 px above and below, the 1 px rule.
  await expect.poll(height).toBeLessThanOrEqual(37);
  expect(await height()).toBeGreaterThanOrEqual(33);

  await rows.selectOption("compact");
  // About 27 px: a 24 px control, 1 px above and below, the 1 px rule.
  await expect.poll(height).toBeLessThanOrEqual(29);
  expect(await height()).toBeGreaterThanOrEqual(25);
  expect(await page.locator('[role="row"][data-id]').count()).toBeGreaterThan(20);

  await page.reload();
  await expect(rows).toHaveValue("compact");
  await expect.poll(height).toBeLessThanOrEqual(29);
  await rows.selectOption("comfortable");
  await expect.poll(height).toBeGreaterThan(60);
  await page.reload();
  await expect(rows).toHaveValue("comfortable");
  await expect.poll(height).toBeGreaterThan(60);
  await rows.selectOption("standard");
  await expect.poll(height).toBeLessThanOrEqual(37);
});

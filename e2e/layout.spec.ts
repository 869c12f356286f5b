import type { Locator, Page } from "@playwright/test";
import {
  apiProcesses,
  blockLiveUpdates,
  expect,
  nameField,
  processesTable,
  row,
  rowState,
  saveButton,
  test,
} from "./support/fixtures";
import { take } from "@/test/support/take";

/** True when the page would need a horizontal scroll bar (WCAG 1.4.10 allows scrolling in one direction). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`no box for ${locator.toString()}`);
  return found;
}

// Browser zoom of a 1280 × 800 window: the same device pixels, fewer CSS pixels.
for (const zoom of [2, 4]) {
  test.describe(`at ${zoom * 100} % zoom (1280 × 800 device px = ${1280 / zoom} × ${800 / zoom} CSS px)`, () => {
    test.use({ viewport: { width: 1280 / zoom, height: 800 / zoom }, deviceScaleFactor: zoom });

    test("the table has a real height, an edit saves, and nothing scrolls sideways", async ({ page, app, signIn }) => {
      await app.seed(6);
      await signIn(page);
      const [a] = take(await apiProcesses(page.request), 1);
      expect(await scrollsSideways(page)).toBe(false);

      const table = processesTable(page);
      await table.scrollIntoViewIfNeeded();
      expect((await box(table)).height).toBeGreaterThanOrEqual(150);

      await nameField(page, a.id).fill("Zoomed in");
      await saveButton(page, a.id).scrollIntoViewIfNeeded();
      await expect(saveButton(page, a.id)).toBeInViewport();
      await saveButton(page, a.id).click();
      await expect(rowState(page, a.id, "Saved")).toBeVisible();
      expect((await apiProcesses(page.request)).find((p) => p.id === a.id)?.name).toBe("Zoomed in");
      expect(await scrollsSideways(page)).toBe(false);
    });
  });
}

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("rows are cards with their actions; an edit saves with Save and Save all is on screen", async ({
    page,
    app,
    signIn,
  }) => {
    await app.seed(6);
    await signIn(page);
    const [a, b] = take(await apiProcesses(page.request), 2);
    expect(await scrollsSideways(page)).toBe(false);

    // A card: the id and state on one line, the fields under it, the actions last.
    const card = await box(row(page, a.id));
    const name = await box(nameField(page, a.id));
    const save = await box(saveButton(page, a.id));
    expect(name.width).toBeGreaterThan(card.width * 0.8);
    expect(save.y).toBeGreaterThan(name.y);
    expect(save.x + save.width).toBeLessThanOrEqual(390);

    await nameField(page, a.id).fill("On the phone");
    await expect(page.getByRole("button", { name: "Save all" })).toBeInViewport();
    // The card's own Save is under its fields: reached by scrolling down, never sideways.
    await saveButton(page, a.id).scrollIntoViewIfNeeded();
    await expect(saveButton(page, a.id)).toBeInViewport();
    expect(await scrollsSideways(page)).toBe(false);
    await saveButton(page, a.id).click();
    await expect(rowState(page, a.id, "Saved")).toBeVisible();
    // The row just saved stays clear of the toast saying so.
    const toast = page.getByRole("status").getByText(`Process ${a.id} saved.`);
    await expect(toast).toBeVisible();
    await expect(saveButton(page, a.id)).toBeInViewport();
    expect(overlaps(await box(saveButton(page, a.id)), await box(toast.locator("..")))).toBe(false);

    await nameField(page, b.id).fill("Saved with Save all");
    await page.getByRole("button", { name: "Save all" }).click();
    await expect(page.getByText("1 process saved.")).toBeVisible();
    const names = (await apiProcesses(page.request)).map((p) => p.name);
    expect(names.slice(0, 2)).toEqual(["On the phone", "Saved with Save all"]);
    expect(await scrollsSideways(page)).toBe(false);
  });
});

test("columns resize by keyboard and by dragging, and keep their width after a reload", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(5);
  await signIn(page);
  const [a] = take(await apiProcesses(page.request), 1);
  const handle = page.getByRole("separator", { name: "Resize the Name column" });
  const width = async () => Number(await handle.getAttribute("aria-valuenow"));
  const fieldWidth = async () => (await box(nameField(page, a.id))).width;

  await expect(handle).toHaveAttribute("aria-valuenow", /^\d+$/);
  const before = await width();
  const fieldBefore = await fieldWidth();
  await handle.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  expect(await width()).toBe(before + 16 + 16 + 64);
  await expect.poll(fieldWidth).toBeGreaterThan(fieldBefore + 80);
  await page.keyboard.press("ArrowLeft");
  expect(await width()).toBe(before + 80);

  await page.reload();
  await expect(handle).toHaveAttribute("aria-valuenow", String(before + 80));
  await expect.poll(fieldWidth).toBeGreaterThan(fieldBefore + 60);

  // A drag on the comment column's edge.
  const comment = page.getByRole("separator", { name: "Resize the Comment column" });
  const commentBefore = Number(await comment.getAttribute("aria-valuenow"));
  const edge = await box(comment);
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  // Wider, not narrower: beside the last-change column the comment column may already be at its minimum.
  await page.mouse.move(edge.x + edge.width / 2 + 60, edge.y + edge.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(comment).toHaveAttribute("aria-valuenow", String(commentBefore + 60));
  await page.reload();
  await expect(comment).toHaveAttribute("aria-valuenow", String(commentBefore + 60));
});

test("a toast covers no row's Save nor the toolbar, and the message is announced once", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(40);
  await signIn(page);
  const scroller = await box(page.getByTestId("process-table-scroller"));
  // The last row whose Save is wholly on screen, at the bottom right where toasts appear.
  const rows = await page.locator('[role="row"][data-id]').all();
  let lastId = 0;
  for (const r of rows) {
    const save = await r.getByRole("button", { name: /^Save process/ }).boundingBox();
    if (save && save.y + save.height <= scroller.y + scroller.height) lastId = Number(await r.getAttribute("data-id"));
  }
  expect(lastId).toBeGreaterThan(5);

  await nameField(page, lastId).fill("Saved at the bottom");
  await saveButton(page, lastId).click();
  const toast = page.getByRole("status").getByText(`Process ${lastId} saved.`);
  await expect(toast).toBeVisible();
  const toastBox = await box(toast.locator(".."));
  // Focus went back to the row's name (docs/decisions/013); the shorter list keeps it in sight.
  await expect(nameField(page, lastId)).toBeFocused();
  await expect(nameField(page, lastId)).toBeInViewport({ ratio: 1 });

  // Every Save on screen now, as far as the list shows it (it got shorter to make room), and the toolbar's.
  const list = await box(page.getByTestId("process-table-scroller"));
  expect(list.y + list.height).toBeLessThanOrEqual(toastBox.y);
  for (const save of await page.getByRole("button", { name: /^Save process/ }).all()) {
    const b = await box(save);
    const shown = { ...b, height: Math.min(b.y + b.height, list.y + list.height) - b.y };
    if (shown.height > 0) expect(overlaps(shown, toastBox)).toBe(false);
  }
  for (const name of ["Save all", "Discard all"])
    expect(overlaps(await box(page.getByRole("button", { name })), toastBox)).toBe(false);
  await saveButton(page, lastId).scrollIntoViewIfNeeded();
  expect(overlaps(await box(saveButton(page, lastId)), toastBox)).toBe(false);

  // Said once: one live region holds the words (the toolbar's count is not a live region).
  const live = page.locator('[role="status"], [role="alert"], [aria-live]');
  await expect(live.filter({ hasText: `Process ${lastId} saved.` })).toHaveCount(1);
});

test("a refusal is announced once: by its banner, with no toast repeating it", async ({ page, app, signIn }) => {
  await app.seed(3);
  // Heard live, the deletion would mark the row gone before the save, which then meets no refusal.
  await blockLiveUpdates(page);
  await signIn(page);
  const [a, b] = take(await apiProcesses(page.request), 2);
  await nameField(page, a.id).fill("Kept");
  await nameField(page, b.id).fill("Deleted meanwhile");
  await app.deleteProcess(b.id);
  await page.getByRole("button", { name: "Save all" }).click();
  await expect(page.getByRole("alert").getByText("Nothing was saved.", { exact: true })).toBeVisible();
  const live = page.locator('[role="status"], [role="alert"], [aria-live]');
  await expect(live.filter({ hasText: "Nothing was saved." })).toHaveCount(1);
  await expect(live.filter({ hasText: "no longer exists" })).toHaveCount(0);
});

// Room for the table (issue 22, item 2; docs/decisions/044): how many rows each density shows whole at
// 1280 × 800, on the page as an operator opens it (English; the Russian toolbar is as tall, e2e/room.spec.ts).
import type { Page } from "@playwright/test";

export const DENSITIES = ["comfortable", "standard", "compact"] as const;
export type RowsVisible = Record<(typeof DENSITIES)[number], number> & { tableTopPx: number };

/** Rows wholly inside the list's scroller and the window, once the virtualizer's measuring has settled. */
async function countWhole(page: Page): Promise<number> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const now = await page.getByTestId("process-table-scroller").evaluate((scroller) => {
      const list = scroller.getBoundingClientRect();
      const bottom = Math.min(list.bottom, window.innerHeight);
      return [...scroller.querySelectorAll('[role="row"][data-id]')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= list.top && b.bottom <= bottom + 0.5;
      }).length;
    });
    if (now === last) return now;
    last = now;
    await page.waitForTimeout(50);
  }
  return last;
}

export async function rowsVisible(page: Page): Promise<RowsVisible> {
  await page.goto("/settings/processes");
  await page.locator("[data-editable]").waitFor();
  const counts = { comfortable: 0, standard: 0, compact: 0 };
  for (const density of DENSITIES) {
    await page.getByLabel("Rows", { exact: true }).selectOption(density);
    await page.locator(`[data-density="${density}"]`).waitFor();
    counts[density] = await countWhole(page);
  }
  const grid = await page.getByRole("grid", { name: "Processes" }).boundingBox();
  // Back to the default, which later measurements (and the next run) expect.
  await page.getByLabel("Rows", { exact: true }).selectOption("standard");
  return { ...counts, tableTopPx: Math.round(grid?.y ?? NaN) };
}

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { apiProcesses, expect, nameField, screenshot, test, VIEWER } from "./support/fixtures";
import { take } from "@/test/support/take";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

test.describe("accessibility", () => {
  test("sign-in page and the editor (clean, edited, invalid) have no serious or critical axe violations", async ({
    page,
    app,
    signIn,
  }) => {
    // Four full axe scans: slow on a loaded two-core machine, so this test gets twice the default time.
    test.slow();
    await app.seed(8);
    await page.goto("/signin");
    expect(await seriousViolations(page)).toEqual([]);

    await signIn(page);
    expect(await seriousViolations(page)).toEqual([]);
    const [a, b] = take(await apiProcesses(page.request), 2);
    await nameField(page, a.id).fill("Edited name");
    await nameField(page, b.id).fill("");
    await expect(page.getByText("Name must not be empty")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the read-only table has no serious or critical axe violations", async ({ page, app, signIn }) => {
    await app.seed(5);
    await signIn(page, VIEWER);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("at 768 px wide the editor stays usable", async ({ page, app, signIn }) => {
    await app.seed(6);
    await page.setViewportSize({ width: 768, height: 900 });
    await signIn(page);
    const [a] = take(await apiProcesses(page.request), 1);
    await nameField(page, a.id).fill("Narrow screen");
    await expect(page.getByRole("button", { name: `Save process ${a.id}` })).toBeInViewport();
    await expect(page.getByRole("button", { name: "Save all" })).toBeInViewport();
    await screenshot(page, "processes-768");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

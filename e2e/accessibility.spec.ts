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

  test("the read-only table on a phone: cards, nothing sideways, no serious or critical axe violations", async ({
    page,
    app,
    signIn,
  }) => {
    await app.seed(5);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, VIEWER);
    const [a] = take(await apiProcesses(page.request), 1);
    await expect(page.getByRole("cell", { name: a.name, exact: true })).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
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

/**
 * Both languages, at desktop width, on a phone and at 400 % zoom: no serious or critical axe violations, and
 * the page as each looks (attached to the report; docs/screenshots/ holds copies for the README).
 */
for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`layouts in ${uiLocale}`, () => {
    test.use({ uiLocale });

    const layouts = [
      { name: "desktop", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
      { name: "390", viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 },
      { name: "zoom-400", viewport: { width: 320, height: 200 }, deviceScaleFactor: 4 },
    ];
    for (const layout of layouts) {
      test(`${layout.name}: edited and invalid rows, no serious or critical axe violations`, async ({
        browser,
        app,
        signIn,
        text,
      }, testInfo) => {
        test.slow();
        await app.seed(8);
        const context = await browser.newContext({
          baseURL: app.baseUrl,
          locale: uiLocale === "ru" ? "ru-RU" : "en-US",
          viewport: layout.viewport,
          deviceScaleFactor: layout.deviceScaleFactor,
        });
        const page = await context.newPage();
        await signIn(page);
        await expect(page.locator("html")).toHaveAttribute("lang", uiLocale);
        const [a, b] = take(await apiProcesses(page.request), 2);
        await nameField(page, a.id, uiLocale).fill(uiLocale === "ru" ? "Новое название" : "Edited name");
        await nameField(page, b.id, uiLocale).fill("");
        await expect(page.getByText(text.rowState.needsFixing, { exact: true })).toBeVisible();
        await page.evaluate(() => window.scrollTo(0, 0));
        expect(await seriousViolations(page)).toEqual([]);
        const path = testInfo.outputPath(`processes-${uiLocale}-${layout.name}.png`);
        await page.screenshot({ path, fullPage: true });
        await testInfo.attach(`processes-${uiLocale}-${layout.name}`, { path, contentType: "image/png" });
        await context.close();
      });
    }
  });
}

import { expect, screenshot, test } from "./support/fixtures";

const RENDERED = { timeout: 150_000 };

test.describe("the API reference page", () => {
  // Redoc parses a 1.7 MB script and renders every operation: slow on a loaded two-core machine (once over
  // 60 s beside the 10,000-row specs in a full run).
  test.describe.configure({ timeout: 240_000 });

  test("renders the published document offline, under the page CSP, without console errors", async ({ page, app }) => {
    const errors: string[] = [];
    const elsewhere: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("request", (request) => {
      if (!request.url().startsWith(app.baseUrl) && !request.url().startsWith("data:")) elsewhere.push(request.url());
    });

    const response = await page.goto("/docs/api");
    const csp = response!.headers()["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);

    // Not signed in: the page is public, like the document.
    await expect(page.getByRole("heading", { level: 1, name: /Plant processes API/ })).toBeVisible(RENDERED);
    // The request examples: curl and TypeScript, from the document's x-codeSamples.
    const bulk = page.locator('[data-section-id="tag/Processes/operation/putProcesses"]');
    await bulk.getByRole("heading", { name: "Update many processes" }).scrollIntoViewIfNeeded();
    await bulk.getByRole("tab", { name: "curl" }).click();
    await expect(bulk.getByText('curl -sS -X PUT "$BASE_URL/api/v1/processes"')).toBeVisible();
    await bulk.getByRole("tab", { name: "TypeScript" }).click();
    await expect(bulk.getByText('await api.PUT("/api/v1/processes"')).toBeVisible();
    await screenshot(page, "api-docs");

    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
  });

  test("is in the Help menu, for integrators, and opens in a new tab", async ({ page, signIn }) => {
    await signIn(page);
    await expect(page.getByRole("link", { name: /API reference/ })).toBeHidden();
    await page.getByText("Help", { exact: true }).click();
    const link = page.getByRole("link", { name: /API reference/ });
    await expect(link).toContainText("For integrators");
    await expect(link).toHaveAccessibleName(/opens in a new tab/);
    const [docs] = await Promise.all([page.waitForEvent("popup"), link.click()]);
    await expect(docs).toHaveURL(/\/docs\/api$/);
    await expect(docs.getByRole("heading", { level: 1, name: /Plant processes API/ })).toBeVisible(RENDERED);
    await expect(page).toHaveURL(/\/settings\/processes$/);
  });
});

import { expect, screenshot, test } from "./support/fixtures";

test("a Super user creates an API token, sees its secret once, and revokes it", async ({
  page,
  app,
  signIn,
  playwright,
}) => {
  await app.seed(2);
  await signIn(page);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Expires after (days)")).toHaveValue("90");

  await page.getByLabel("Expires after (days)").fill("400");
  await page.getByLabel("Name").fill("Line 3 scanner");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Expiry must be at most 365 days")).toBeVisible();

  await page.getByLabel("Expires after (days)").fill("30");
  await page.getByLabel("Role").selectOption("Advanced user");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-secret").textContent())!.trim();
  expect(secret.length).toBeGreaterThan(20);
  const row = page.getByRole("row", { name: /Line 3 scanner/ });
  await expect(row.getByRole("cell", { name: "Advanced user" })).toBeVisible();
  await expect(row.getByText("✓ Active")).toBeVisible();
  await screenshot(page, "api-tokens");

  const bearer = await playwright.request.newContext({
    baseURL: app.baseUrl,
    extraHTTPHeaders: { Authorization: `Bearer ${secret}` },
  });
  expect((await bearer.get("/api/v1/processes")).status()).toBe(200);

  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByTestId("new-token-secret")).toHaveCount(0);

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Revoke token Line 3 scanner" }).click();
  await expect(row.getByText(/Revoked/)).toBeVisible();
  const refused = await bearer.get("/api/v1/processes");
  expect(refused.status()).toBe(401);
  await bearer.dispose();
});

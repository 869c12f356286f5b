import { expect, screenshot, test, VIEWER } from "./support/fixtures";

test("the User role sees a read-only table with the reason, and no way to edit", async ({ page, app, signIn }) => {
  await app.seed(4);
  await signIn(page, VIEWER);
  await expect(
    page.getByRole("note").getByText("Your role (User) can view processes but not change them.", { exact: false }),
  ).toBeVisible();
  const table = page.getByRole("table", { name: "Processes" });
  await expect(table.getByRole("cell", { name: "Process 3", exact: true })).toBeVisible();
  await expect(table.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save all" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "API tokens" })).toHaveCount(0);
  await expect(page.getByText("viewer@example.com")).toBeVisible();
  await screenshot(page, "processes-read-only");

  // The API agrees: a write with this session is refused (3001).
  const response = await page.evaluate(async () => {
    const r = await fetch("/api/v1/processes", {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ processes: [{ id: 1, name: "x", comment: "" }] }),
    });
    return { status: r.status, code: ((await r.json()) as { code?: number }).code };
  });
  expect(response).toEqual({ status: 403, code: 3001 });
});

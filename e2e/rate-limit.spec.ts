import { apiProcesses, expect, nameField, rowState, saveButton, test } from "./support/fixtures";

// Three API requests per two seconds: the fourth save in a row is refused with 6001 and Retry-After.
test.use({ serverEnv: { RATE_LIMIT_API_POINTS: "3", RATE_LIMIT_API_WINDOW_SECONDS: "2" } });

test("too many requests (6001): the page says so, retries after Retry-After, and saves", async ({ page, app, signIn }) => {
  await app.seed(6);
  await signIn(page);
  const list = await apiProcesses(page.request);
  const statuses: number[] = [];
  page.on("response", (r) => {
    if (r.request().method() === "PUT") statuses.push(r.status());
  });

  for (const p of list.slice(0, 5)) await nameField(page, p.id).fill(`Renamed ${p.id}`);
  for (const p of list.slice(0, 5)) await saveButton(page, p.id).click();

  await expect(page.getByRole("status").getByText("Too many requests.", { exact: false }).first()).toBeVisible();
  for (const p of list.slice(0, 5)) await expect(rowState(page, p.id, "Saved")).toBeVisible({ timeout: 20_000 });
  expect(statuses).toContain(429);
  expect(statuses.filter((s) => s === 200)).toHaveLength(5);

  await expect(async () => {
    const after = await apiProcesses(page.request);
    expect(after.slice(0, 5).map((p) => p.name)).toEqual(list.slice(0, 5).map((p) => `Renamed ${p.id}`));
    expect(after[5].name).toBe(list[5].name);
  }).toPass({ timeout: 15_000 });
});

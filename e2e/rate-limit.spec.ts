import { apiProcesses, expect, nameField, rowState, test } from "./support/fixtures";

// Eight API requests per six seconds for each caller (an open page spends about three of them itself: its /me
// poll every 3 s, its presence every 5 s): the test spends them, so the page's save is refused with 6001 and
// Retry-After however slowly the machine clicks. Two sign-in attempts per address and email.
test.use({
  serverEnv: { RATE_LIMIT_API_POINTS: "8", RATE_LIMIT_API_WINDOW_SECONDS: "6", RATE_LIMIT_SIGNIN_POINTS: "2" },
});

test("sign-in attempts over the limit get their own message, not the neutral one", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("someone@example.com");
  await page.getByLabel("Password").fill("wrong password");
  const submit = page.getByRole("button", { name: "Sign in" });
  const message = (text: string) => page.getByRole("alert").filter({ hasText: text });
  for (let i = 0; i < 2; i++) {
    await submit.click();
    await expect(message("Email or password is incorrect.")).toBeVisible();
  }
  await submit.click();
  await expect(message("Too many sign-in attempts. Wait a few minutes, then try again.")).toBeVisible();
});

test("too many requests (6001): the page says so, retries after Retry-After, and saves", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(6);
  await signIn(page);
  const list = await apiProcesses(page.request);
  const statuses: number[] = [];
  page.on("response", (r) => {
    // The saves only: the page's presence writes are PUTs too.
    if (r.request().method() === "PUT" && new URL(r.url()).pathname === "/api/v1/processes") statuses.push(r.status());
  });
  const edited = list.slice(0, 5);
  for (const p of edited) await nameField(page, p.id).fill(`Renamed ${p.id}`);

  // Spend this window's budget with the same session, then save.
  await expect(async () => {
    expect((await page.request.get("/api/v1/processes")).status()).toBe(429);
  }).toPass();
  await page.getByRole("button", { name: "Save all" }).click();

  await expect(page.getByRole("status").getByText("Saving again automatically", { exact: false })).toBeVisible();
  await expect(rowState(page, edited[0]!.id, "Waiting to retry")).toBeVisible();
  await expect(page.getByText("5 processes saved.")).toBeVisible({ timeout: 20_000 });
  for (const p of edited) await expect(rowState(page, p.id, "Saved")).toBeVisible();
  expect(statuses[0]).toBe(429);
  expect(statuses.at(-1)).toBe(200);

  await expect(async () => {
    const after = await apiProcesses(page.request);
    expect(after.slice(0, 5).map((p) => p.name)).toEqual(edited.map((p) => `Renamed ${p.id}`));
    expect(after[5]!.name).toBe(list[5]!.name);
  }).toPass({ timeout: 15_000 });
});

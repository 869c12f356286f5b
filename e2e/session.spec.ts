import { TEST_ADMIN } from "@/test/support/accounts";
import { apiProcesses, expect, nameField, rowState, test } from "./support/fixtures";
import { take } from "@/test/support/take";

test.describe("sign-in", () => {
  test("not signed in: sent to sign-in; a wrong password gets the one neutral message", async ({ page, app }) => {
    await app.seed(1);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Fprocesses$/);
    await page.getByLabel("Email").fill(TEST_ADMIN.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
    await page.getByLabel("Email").fill(TEST_ADMIN.email);
    await page.getByLabel("Password").fill(TEST_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/settings\/processes$/);
  });

  test("session expired mid-edit: saving sends to sign-in and back, with the edits kept, then saved", async ({
    page,
    context,
    app,
    signIn,
  }) => {
    await app.seed(3);
    await signIn(page);
    const [a, b] = take(await apiProcesses(page.request), 2);
    await nameField(page, a.id).fill("Before expiry A");
    await nameField(page, b.id).fill("Before expiry B");

    // The session ends (the cookie no longer decodes, as after the server's max age or a new secret).
    const [cookie] = take(
      (await context.cookies()).filter((c) => c.name === "next-auth.session-token"),
      1,
    );
    await context.addCookies([{ ...cookie, value: "expired" }]);
    await page.getByRole("button", { name: "Save all" }).click();

    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Fprocesses&reason=expired$/);
    await expect(page.getByText("Your session ended.", { exact: false })).toBeVisible();
    await page.getByLabel("Email").fill(TEST_ADMIN.email);
    await page.getByLabel("Password").fill(TEST_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page).toHaveURL(/\/settings\/processes$/);
    await expect(nameField(page, a.id)).toHaveValue("Before expiry A");
    await expect(nameField(page, b.id)).toHaveValue("Before expiry B");
    await expect(rowState(page, a.id, "Edited")).toBeVisible();
    await expect(page.getByText("2 unsaved rows")).toBeVisible();
    expect((await apiProcesses(page.request)).map((p) => p.name)).toEqual([a.name, b.name, "Process 3"]);

    await page.getByRole("button", { name: "Save all" }).click();
    await expect(page.getByText("2 processes saved.")).toBeVisible();
    expect((await apiProcesses(page.request)).map((p) => p.name)).toEqual([
      "Before expiry A",
      "Before expiry B",
      "Process 3",
    ]);
  });

  test("signed out elsewhere (no session cookie, 2004): Ctrl+Enter on a row goes through sign-in and back with the edit", async ({
    page,
    context,
    app,
    signIn,
  }) => {
    await app.seed(2);
    await signIn(page);
    const [a] = take(await apiProcesses(page.request), 1);
    await nameField(page, a.id).fill("After signing in again");
    await context.clearCookies();
    await nameField(page, a.id).press("Control+Enter");

    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Fprocesses&reason=expired$/);
    await page.getByLabel("Email").fill(TEST_ADMIN.email);
    await page.getByLabel("Password").fill(TEST_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(nameField(page, a.id)).toHaveValue("After signing in again");
    await nameField(page, a.id).press("Control+Enter");
    await expect(rowState(page, a.id, "Saved")).toBeVisible();
    expect((await apiProcesses(page.request))[0]!.name).toBe("After signing in again");
  });
});

import {
  apiProcesses,
  blockLiveUpdates,
  commentField,
  expect,
  nameField,
  row,
  rowState,
  saveButton,
  screenshot,
  test,
} from "./support/fixtures";
import { take } from "@/test/support/take";

test.describe("saves the server refuses", () => {
  test("Save all with a process deleted meanwhile: nothing saved, the row marked, the rest kept", async ({
    page,
    app,
    signIn,
  }) => {
    await app.seed(4);
    // Heard live, the deletion would mark the row gone before the save, which then meets no refusal.
    await blockLiveUpdates(page);
    await signIn(page);
    const [a, b, c] = take(await apiProcesses(page.request), 3);

    await nameField(page, a.id).fill("Kept A");
    await nameField(page, b.id).fill("Doomed B");
    await nameField(page, c.id).fill("Kept C");
    // Someone else deletes process b while it is being edited here; the form cannot know.
    await app.deleteProcess(b.id);

    await page.getByRole("button", { name: "Save all" }).click();
    await expect(page.getByRole("alert").getByText("Nothing was saved.", { exact: true })).toBeVisible();
    await expect(row(page, b.id).getByText("This process no longer exists", { exact: true })).toBeVisible();
    await expect(nameField(page, a.id)).toHaveValue("Kept A");
    await expect(nameField(page, c.id)).toHaveValue("Kept C");
    await expect(rowState(page, a.id, "Edited")).toBeVisible();
    await screenshot(page, "processes-refused");

    const afterRefusal = await apiProcesses(page.request);
    expect(afterRefusal.map((p) => p.name)).toEqual([a.name, c.name, "Process 4"]);

    // The gone row no longer counts: Save all now saves the two that can be saved.
    await expect(page.getByText("2 unsaved rows")).toBeVisible();
    await page.getByRole("button", { name: "Save all" }).click();
    await expect(page.getByText("2 processes saved.")).toBeVisible();
    const saved = await apiProcesses(page.request);
    expect(saved.map((p) => p.name)).toEqual(["Kept A", "Kept C", "Process 4"]);

    await page.getByRole("button", { name: `Dismiss process ${b.id}` }).click();
    await expect(row(page, b.id)).toHaveCount(0);
  });

  test("saving one row whose process was deleted (1005) marks it and refetches the list", async ({
    page,
    app,
    signIn,
  }) => {
    await app.seed(3);
    // Heard live, the deletion would mark the row gone before the save, which then meets no refusal.
    await blockLiveUpdates(page);
    await signIn(page);
    const [a, b] = take(await apiProcesses(page.request), 2);
    await nameField(page, b.id).fill("Too late");
    await app.deleteProcess(b.id);
    const refetched = page.waitForResponse(
      // The page reads the list with each item's last change (?include=lastChange).
      (r) => new URL(r.url()).pathname === "/api/v1/processes" && r.request().method() === "GET",
    );

    await saveButton(page, b.id).click();
    await expect(row(page, b.id).getByText("This process no longer exists", { exact: true })).toBeVisible();
    await expect(page.getByRole("alert").getByText(`Process ${b.id} no longer exists.`)).toBeVisible();
    expect((await refetched).status()).toBe(200);
    await expect(nameField(page, a.id)).toHaveValue(a.name);
  });

  test("a field the server refuses (1001) carries the server's reason until that field changes", async ({
    page,
    app,
    signIn,
  }) => {
    await app.seed(2);
    await signIn(page);
    const [a] = take(await apiProcesses(page.request), 1);
    // The page checks the same schema first, so a field refusal is the server's 1001 envelope played back.
    await page.route("**/api/v1/processes/*", (route) =>
      route.fulfill({
        status: 400,
        headers: { "Content-Type": "application/problem+json" },
        body: JSON.stringify({
          type: "/api/v1/errors#1001",
          title: "Incorrect data",
          status: 400,
          code: 1001,
          detail: "The request has invalid fields",
          errors: [{ pointer: "/name", detail: "is reserved on this line" }],
        }),
      }),
    );
    await nameField(page, a.id).fill("Reserved");
    await nameField(page, a.id).press("Control+Enter");
    await expect(nameField(page, a.id)).toHaveAccessibleDescription(/Name is reserved on this line/);
    await expect(nameField(page, a.id)).toHaveAttribute("aria-invalid", "true");
    await expect(rowState(page, a.id, "Not saved")).toBeVisible();
    await expect(saveButton(page, a.id)).toBeDisabled();

    // Another field changing leaves the name's reason in place; the name changing removes it.
    await commentField(page, a.id).fill("New comment");
    await expect(rowState(page, a.id, "Refused")).toBeVisible();
    await expect(page.getByText("Name is reserved on this line")).toBeVisible();
    await nameField(page, a.id).fill("Allowed");
    await expect(page.getByText("Name is reserved on this line")).toBeHidden();
    await expect(nameField(page, a.id)).not.toHaveAttribute("aria-invalid");

    await page.unroute("**/api/v1/processes/*");
    await saveButton(page, a.id).click();
    await expect(rowState(page, a.id, "Saved")).toBeVisible();
    expect((await apiProcesses(page.request))[0]).toMatchObject({ name: "Allowed", comment: "New comment" });
  });

  test("a database outage (1006) shows the banner and keeps the edits", async ({ page, app, signIn }) => {
    await app.seed(2);
    await signIn(page);
    const [a] = take(await apiProcesses(page.request), 1);
    // The database cannot be stopped under a running SQLite server here, so this one answer is the server's
    // 1006 envelope played back; everything else is real.
    await page.route("**/api/v1/processes/*", (route) =>
      route.fulfill({
        status: 503,
        headers: { "Content-Type": "application/problem+json", "Retry-After": "5" },
        body: JSON.stringify({
          type: "about:blank",
          title: "Error access to database",
          status: 503,
          code: 1006,
          detail: "The database did not answer; try again shortly.",
        }),
      }),
    );
    await nameField(page, a.id).fill("During the outage");
    await saveButton(page, a.id).click();
    await expect(page.getByRole("alert").getByText("The database is unavailable.", { exact: true })).toBeVisible();
    await expect(rowState(page, a.id, "Not saved")).toBeVisible();
    await expect(nameField(page, a.id)).toHaveValue("During the outage");
    await screenshot(page, "processes-database-down");

    await page.unroute("**/api/v1/processes/*");
    await saveButton(page, a.id).click();
    await expect(rowState(page, a.id, "Saved")).toBeVisible();
    expect((await apiProcesses(page.request))[0]!.name).toBe("During the outage");
  });

  test("a write refused for the role mid-session (3001) turns the table read-only with the reason", async ({
    page,
    app,
    signIn,
  }) => {
    await app.seed(2);
    await signIn(page);
    const [a] = take(await apiProcesses(page.request), 1);
    // The role is fixed for a session's lifetime, so a change of rights mid-session is played back as the
    // server's 3001 answer.
    await page.route("**/api/v1/processes/*", (route) =>
      route.fulfill({
        status: 403,
        headers: { "Content-Type": "application/problem+json" },
        body: JSON.stringify({
          type: "about:blank",
          title: "Access to this resource is denied",
          status: 403,
          code: 3001,
          detail: "The role User may not PUT this resource",
        }),
      }),
    );
    await nameField(page, a.id).fill("Not allowed");
    await nameField(page, a.id).press("Control+Enter");
    await expect(
      page
        .getByRole("note")
        .getByText("The server no longer allows your account to change processes", { exact: false }),
    ).toBeVisible();
    await expect(page.getByRole("table", { name: "Processes" }).getByRole("textbox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save all" })).toHaveCount(0);
    expect((await apiProcesses(page.request))[0]!.name).toBe(a.name);
  });
});

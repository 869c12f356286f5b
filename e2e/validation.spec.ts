import {
  apiProcesses,
  commentField,
  expect,
  nameField,
  rowState,
  saveButton,
  screenshot,
  test,
} from "./support/fixtures";
import { take } from "@/test/support/take";

test.describe("editing and discarding", () => {
  test("an empty name shows the schema's message, disables Save and sends nothing", async ({ page, app, signIn }) => {
    await app.seed(3);
    await signIn(page);
    const [p] = take(await apiProcesses(page.request), 1);
    const puts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "PUT" && new URL(r.url()).pathname.startsWith("/api/v1/processes")) puts.push(r.url());
    });

    await nameField(page, p.id).fill("");
    await expect(page.getByText("Name must not be empty")).toBeVisible();
    await expect(nameField(page, p.id)).toHaveAttribute("aria-invalid", "true");
    await expect(nameField(page, p.id)).toHaveAccessibleDescription(/Name must not be empty/);
    await expect(saveButton(page, p.id)).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save all" })).toBeDisabled();
    await expect(page.getByText("1 row needs fixing")).toBeVisible();
    await screenshot(page, "processes-invalid");

    await nameField(page, p.id).press("Control+Enter");
    await page.keyboard.press("Control+s");
    await nameField(page, p.id).fill("   ");
    await expect(page.getByText("Name must not be empty")).toBeVisible();
    expect(puts).toEqual([]);
    expect((await apiProcesses(page.request))[0]!.name).toBe(p.name);

    await nameField(page, p.id).fill("Fixed");
    await expect(page.getByText("Name must not be empty")).toBeHidden();
    await expect(saveButton(page, p.id)).toBeEnabled();
  });

  test("Discard reverts one row, Discard all reverts every row", async ({ page, app, signIn }) => {
    await app.seed(3);
    await signIn(page);
    const [a, b, c] = take(await apiProcesses(page.request), 3);

    await nameField(page, a.id).fill("Edited A");
    await commentField(page, b.id).fill("Edited B");
    await nameField(page, c.id).fill("Edited C");
    await expect(page.getByText("3 unsaved rows")).toBeVisible();

    await page.getByRole("button", { name: `Discard changes to process ${a.id}` }).click();
    await expect(nameField(page, a.id)).toHaveValue(a.name);
    await expect(rowState(page, a.id, "Unchanged")).toBeVisible();
    await expect(page.getByText("2 unsaved rows")).toBeVisible();

    // Discard all of more than one row asks first.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Discard all" }).click();
    await expect(commentField(page, b.id)).toHaveValue(b.comment);
    await expect(nameField(page, c.id)).toHaveValue(c.name);
    await expect(page.getByText("No unsaved changes")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save all" })).toBeDisabled();

    const after = await apiProcesses(page.request);
    expect(after.map((p) => [p.name, p.comment])).toEqual([a, b, c].map((p) => [p.name, p.comment]));
  });

  test("typing a row back to its saved value leaves it unchanged", async ({ page, app, signIn }) => {
    await app.seed(2);
    await signIn(page);
    const [a] = take(await apiProcesses(page.request), 1);
    await nameField(page, a.id).fill("Something else");
    await expect(rowState(page, a.id, "Edited")).toBeVisible();
    await nameField(page, a.id).fill(a.name);
    await expect(rowState(page, a.id, "Unchanged")).toBeVisible();
    await expect(page.getByText("No unsaved changes")).toBeVisible();
  });
});

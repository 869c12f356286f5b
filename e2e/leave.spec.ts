import { apiProcesses, expect, nameField, test } from "./support/fixtures";
import { take } from "@/test/support/take";

test("leaving with unsaved edits asks first: staying keeps them, leaving drops them", async ({ page, app, signIn }) => {
  await app.seed(2);
  await signIn(page);
  const [a] = take(await apiProcesses(page.request), 1);
  const dialogs: string[] = [];

  // No edits: the link leaves without asking.
  page.once("dialog", (d) => dialogs.push(`unexpected ${d.type()}`));
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  expect(dialogs).toEqual([]);
  page.removeAllListeners("dialog");
  await page.goto("/settings/processes");

  await nameField(page, a.id).fill("Unsaved");
  page.once("dialog", (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect.poll(() => dialogs).toEqual(["beforeunload"]);
  await expect(page).toHaveURL(/\/settings\/processes$/);
  await expect(nameField(page, a.id)).toHaveValue("Unsaved");

  // Reload asks too; accepting leaves and the edit is gone (nothing was saved).
  page.once("dialog", (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await page.reload();
  await expect.poll(() => dialogs).toEqual(["beforeunload", "beforeunload"]);
  await expect(nameField(page, a.id)).toHaveValue(a.name);
});

import { apiProcesses, expect, nameField, test } from "./support/fixtures";
import { take } from "@/test/support/take";

test("an edited row hidden by the filter stays edited, is counted, and Save all saves it", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(12);
  await signIn(page);
  const list = await apiProcesses(page.request);
  const [first, , third] = take(list, 3);

  await nameField(page, first.id).fill("Anodizing");
  await nameField(page, third.id).fill("Brazing");
  await page.getByLabel("Filter").fill("Process 1");
  // "Process 1", "Process 10", "Process 11", "Process 12" match; the edited third row does not.
  await expect(nameField(page, third.id)).toHaveCount(0);
  await expect(nameField(page, list[9]!.id)).toBeVisible();
  await expect(page.getByText("2 unsaved rows")).toBeVisible();
  await expect(page.getByText("1 hidden by the filter")).toBeVisible();

  await page.getByRole("button", { name: "Save all" }).click();
  await expect(page.getByText("2 processes saved.")).toBeVisible();
  const after = new Map((await apiProcesses(page.request)).map((p) => [p.id, p.name]));
  expect(after.get(first.id)).toBe("Anodizing");
  expect(after.get(third.id)).toBe("Brazing");

  await page.getByLabel("Filter").fill("");
  await expect(nameField(page, third.id)).toHaveValue("Brazing");
});

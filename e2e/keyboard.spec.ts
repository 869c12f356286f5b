import { apiProcesses, commentField, expect, nameField, rowState, test } from "./support/fixtures";
import { take } from "@/test/support/take";

test("keyboard only: Tab in reading order, Enter and Ctrl+Enter save a row, Escape reverts, Ctrl+S saves all", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(4);
  await signIn(page);
  const [a, b, c] = take(await apiProcesses(page.request), 3);
  const k = page.keyboard;

  await page.getByLabel("Filter").focus();
  await k.press("Tab");
  await expect(nameField(page, a.id)).toBeFocused();
  await k.press("ControlOrMeta+a");
  await k.type("Degreasing");
  await k.press("Enter");
  await expect(rowState(page, a.id, "Saved")).toBeVisible();

  await k.press("Tab");
  await expect(commentField(page, a.id)).toBeFocused();
  await k.press("End");
  await k.press("Enter");
  await k.type("second line");
  await k.press("Control+Enter");
  await expect(rowState(page, a.id, "Saved")).toBeVisible();
  await expect(commentField(page, a.id)).toHaveValue(`${a.comment}\nsecond line`);

  // Unchanged rows have nothing to press: Tab goes straight on to the next row's name.
  await k.press("Tab");
  await expect(nameField(page, b.id)).toBeFocused();
  await k.type(" typo");
  await expect(rowState(page, b.id, "Edited")).toBeVisible();
  await k.press("Escape");
  await expect(nameField(page, b.id)).toHaveValue(b.name);
  await expect(rowState(page, b.id, "Unchanged")).toBeVisible();

  await k.press("Tab");
  await k.press("Tab");
  await expect(nameField(page, c.id)).toBeFocused();
  await k.press("ControlOrMeta+a");
  await k.type("Etching");
  await k.press("Tab");
  await expect(commentField(page, c.id)).toBeFocused();
  await k.press("ControlOrMeta+a");
  await k.type("Acid bath 3");
  await k.press("Control+s");
  await expect(page.getByText("1 process saved.")).toBeVisible();

  const after = await apiProcesses(page.request);
  expect(after[0]).toMatchObject({ name: "Degreasing", comment: `${a.comment}\nsecond line` });
  expect(after[1]!.name).toBe(b.name);
  expect(after[2]).toMatchObject({ name: "Etching", comment: "Acid bath 3" });
});

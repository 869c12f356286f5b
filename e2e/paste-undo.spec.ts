import type { Page } from "@playwright/test";
import { apiProcesses, commentField, expect, nameField, rowState, test } from "./support/fixtures";
import { take } from "@/test/support/take";

/** Pastes text as a spreadsheet would put it on the clipboard, into the focused cell. */
async function pasteInto(page: Page, text: string) {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData("text/plain", data);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, text);
}

test("a 3×2 range pasted from a spreadsheet fills three rows, is validated, and undoes as one step", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(5);
  await signIn(page);
  const [a, b, c, d] = take(await apiProcesses(page.request), 4);

  await nameField(page, b.id).focus();
  await pasteInto(page, 'Degreasing\tLine 1\nEtching\t"Acid bath\nsecond line"\n\tNo name\n');
  await expect(page.getByText("Pasted 6 cells into 3 rows.")).toBeVisible();
  await expect(nameField(page, b.id)).toHaveValue("Degreasing");
  await expect(commentField(page, c.id)).toHaveValue("Acid bath\nsecond line");
  await expect(nameField(page, d.id)).toHaveValue("");
  await expect(rowState(page, d.id, "Needs fixing")).toBeVisible();
  await expect(page.getByText("3 unsaved rows")).toBeVisible();
  await expect(nameField(page, a.id)).toHaveValue(a.name);

  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.getByText("No unsaved changes")).toBeVisible();
  await expect(nameField(page, b.id)).toHaveValue(b.name);
  await expect(commentField(page, c.id)).toHaveValue(c.comment);

  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.getByText("3 unsaved rows")).toBeVisible();
  await expect(nameField(page, c.id)).toHaveValue("Etching");
});

test("Discard all asks first, and can be undone", async ({ page, app, signIn }) => {
  await app.seed(3);
  await signIn(page);
  const [a, b] = take(await apiProcesses(page.request), 2);
  await nameField(page, a.id).fill("One");
  await nameField(page, b.id).fill("Two");

  page.once("dialog", (dialog) => {
    expect(dialog.message()).toBe("Discard 2 unsaved edits?");
    void dialog.dismiss();
  });
  await page.getByRole("button", { name: "Discard all" }).click();
  await expect(page.getByText("2 unsaved rows")).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Discard all" }).click();
  await expect(page.getByText("No unsaved changes")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(nameField(page, b.id)).toHaveValue("Two");
  await expect(page.getByText("2 unsaved rows")).toBeVisible();
});

test("next error at 10,000 rows: the row scrolled far away is reached, and a blocked Ctrl+S goes there", async ({
  page,
  app,
  signIn,
}) => {
  test.setTimeout(120_000);
  await app.seed(10_000);
  await signIn(page);
  const list = await apiProcesses(page.request);
  const first = list[0]!;
  const far = list[list.length - 1]!;

  // Ctrl+End reaches the last row; its name emptied, it has an error; Ctrl+Home goes back to the top.
  await nameField(page, first.id).focus();
  await page.keyboard.press("Control+End");
  await nameField(page, far.id).focus();
  await page.keyboard.press("Backspace");
  await expect(nameField(page, far.id)).toHaveValue("");
  await page.keyboard.press("Enter"); // the entry stands (the last row: nowhere further down)
  await page.keyboard.press("Control+Home");
  await expect(nameField(page, first.id)).toBeFocused();
  await expect(nameField(page, far.id)).toHaveCount(0);

  await page.getByRole("button", { name: "Next error" }).click();
  await expect(nameField(page, far.id)).toBeFocused();
  await expect(nameField(page, far.id)).toBeInViewport();

  await page.keyboard.press("Control+Home");
  await expect(nameField(page, first.id)).toBeFocused();
  await page.keyboard.press("Control+s");
  await expect(page.getByText("Fix 1 row with errors before saving all.")).toBeVisible();
  await expect(nameField(page, far.id)).toBeFocused();

  await page.getByLabel("Show").selectOption("invalid");
  await expect(page.getByText(/^1 of 10,000 production processes shown\.$/)).toBeVisible();
});

import { apiProcesses, commentField, expect, nameField, rowState, test } from "./support/fixtures";
import { take } from "@/test/support/take";

test("keyboard only: Tab in reading order, Ctrl+Enter saves a row, Escape reverts, Ctrl+S saves all", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(4);
  await signIn(page);
  const [a, b, c] = take(await apiProcesses(page.request), 3);
  const k = page.keyboard;

  // The last control before the table while nothing is edited (Undo, Redo, Discard all, Save all are disabled),
  // then the sortable column headers, then the first cell.
  await page.getByLabel("Rows").focus();
  // Column headers: sort buttons and the resize handles (docs/decisions/018, 019), then the first row.
  await k.press("Tab");
  await expect(page.getByRole("columnheader", { name: "ID" }).getByRole("button")).toBeFocused();
  await k.press("Tab");
  await expect(page.getByRole("columnheader", { name: "Name" }).getByRole("button")).toBeFocused();
  await k.press("Tab");
  await expect(page.getByRole("separator", { name: "Resize the Name column" })).toBeFocused();
  await k.press("Tab");
  await expect(page.getByRole("separator", { name: "Resize the Comment column" })).toBeFocused();
  for (const header of ["Last changed", "State"]) {
    await k.press("Tab");
    await expect(page.getByRole("columnheader", { name: header }).getByRole("button")).toBeFocused();
  }
  await k.press("Tab");
  await expect(nameField(page, a.id)).toBeFocused();
  await k.press("ControlOrMeta+a");
  await k.type("Degreasing");
  await k.press("Control+Enter");
  await expect(rowState(page, a.id, "Saved")).toBeVisible();

  // Enter edits with the caret at the end; Shift+Enter is a newline in a comment; Ctrl+Enter saves the row.
  await k.press("Tab");
  await expect(commentField(page, a.id)).toBeFocused();
  await k.press("Enter");
  await k.press("Shift+Enter");
  await k.type("second line");
  await k.press("Control+Enter");
  await expect(rowState(page, a.id, "Saved")).toBeVisible();
  await expect(commentField(page, a.id)).toHaveValue(`${a.comment}\nsecond line`);

  // Unchanged rows have nothing to press: Tab goes straight on to the next row's name.
  await k.press("Tab");
  await expect(nameField(page, b.id)).toBeFocused();
  await k.press("End");
  await k.press("Home");
  await k.press("Enter");
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

test("spreadsheet keys: arrows, Enter commits and moves down, Escape cancels the edit, Ctrl+S on a Russian layout", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(5);
  await signIn(page);
  const [a, b, c] = take(await apiProcesses(page.request), 3);
  const k = page.keyboard;

  await nameField(page, a.id).focus();
  await k.press("ArrowDown");
  await expect(nameField(page, b.id)).toBeFocused();
  await k.press("ArrowRight");
  await expect(commentField(page, b.id)).toBeFocused();
  await k.press("ArrowUp");
  await expect(commentField(page, a.id)).toBeFocused();
  await k.press("ArrowLeft");
  await expect(nameField(page, a.id)).toBeFocused();

  // Typing on a cell replaces it, as in a spreadsheet; Enter keeps the entry and moves down.
  await k.type("Pickling");
  await k.press("Enter");
  await expect(nameField(page, a.id)).toHaveValue("Pickling");
  await expect(nameField(page, b.id)).toBeFocused();
  await expect(rowState(page, a.id, "Edited")).toBeVisible();

  // Escape while editing goes back to the value before this edit, not further.
  await k.type("Wrong");
  await k.press("Escape");
  await expect(nameField(page, b.id)).toHaveValue(b.name);
  await expect(nameField(page, b.id)).toBeFocused();

  // Arrows while editing move the caret, not the cell.
  await k.press("Enter");
  await k.press("ArrowLeft");
  await expect(nameField(page, b.id)).toBeFocused();
  await k.press("Escape");

  // Ctrl+S by physical key: a Russian layout sends key "ы" with code KeyS.
  await nameField(page, c.id).focus();
  await k.type("Rinsing");
  await nameField(page, c.id).dispatchEvent("keydown", {
    key: "ы",
    code: "KeyS",
    ctrlKey: true,
    bubbles: true,
    cancelable: true,
  });
  await expect(page.getByText("2 processes saved.")).toBeVisible();
  await expect(nameField(page, c.id)).toBeFocused();
  const after = await apiProcesses(page.request);
  expect(after.slice(0, 3).map((p) => p.name)).toEqual(["Pickling", b.name, "Rinsing"]);
});

test("Home/End, Ctrl+Home/End and PageDown reach rows far away at 10,000 rows", async ({ page, app, signIn }) => {
  test.setTimeout(120_000);
  await app.seed(10_000);
  await signIn(page);
  const list = await apiProcesses(page.request);
  const first = list[0]!.id;
  const last = list[list.length - 1]!.id;
  const k = page.keyboard;
  const focusedRow = () =>
    page.evaluate(() => Number(document.activeElement?.closest<HTMLElement>("[data-id]")?.dataset.id));

  await nameField(page, first).focus();
  await k.press("End");
  await expect(commentField(page, first)).toBeFocused();
  await k.press("Home");
  await expect(nameField(page, first)).toBeFocused();
  await k.press("Control+End");
  await expect(commentField(page, last)).toBeFocused();
  await expect(commentField(page, last)).toBeInViewport();
  await k.press("Control+Home");
  await expect(nameField(page, first)).toBeFocused();
  await k.press("PageDown");
  await expect.poll(focusedRow).toBeGreaterThan(list[2]!.id);
  await expect(page.locator(":focus")).toBeInViewport();
  await k.press("PageUp");
  await expect(nameField(page, first)).toBeFocused();
});

test("a clicked Save keeps focus in its row; Save all returns it to the cell last edited", async ({
  page,
  app,
  signIn,
}) => {
  await app.seed(3);
  await signIn(page);
  const [a, b] = take(await apiProcesses(page.request), 2);

  await nameField(page, a.id).fill("Clicked");
  await page.getByRole("button", { name: `Save process ${a.id}`, exact: true }).click();
  await expect(rowState(page, a.id, "Saved")).toBeVisible();
  await expect(nameField(page, a.id)).toBeFocused();

  await nameField(page, b.id).fill("All");
  const saveAll = page.getByRole("button", { name: "Save all" });
  await saveAll.click();
  await expect(page.getByText("1 process saved.")).toBeVisible();
  await expect(saveAll).toBeDisabled();
  await expect(nameField(page, b.id)).toBeFocused();
});

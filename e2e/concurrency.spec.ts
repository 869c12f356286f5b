import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import {
  apiProcesses,
  commentField,
  expect,
  nameField,
  OPERATOR,
  row,
  saveButton,
  screenshot,
  test,
  VIEWER,
  type Account,
} from "./support/fixtures";
import { TEST_ADMIN } from "@/test/support/accounts";
import enText from "@/messages/en.json" with { type: "json" };
import ruText from "@/messages/ru.json" with { type: "json" };
import { take } from "@/test/support/take";

// Two operators on the page at once: the admin in `page`, the operator in a second browser context.

type SignIn = (page: Page, account?: Account) => Promise<void>;

async function secondOperator(browser: Browser, baseURL: string, signIn: SignIn, locale = "en-US"): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale });
  const other = await context.newPage();
  await signIn(other, OPERATOR);
  return other;
}

/** The other operator saves one field of a row from their own page (in English unless `ru` is given). */
async function saveFrom(page: Page, id: number, field: "name" | "comment", value: string, ru?: typeof ruText) {
  const locale = ru ? "ru" : "en";
  await (field === "name" ? nameField(page, id, locale) : commentField(page, id, locale)).fill(value);
  await page
    .getByRole("button", { name: (ru ?? enText).table.saveOf.replace("{id}", String(id)), exact: true })
    .click();
  const saved = (ru ?? enText).outcome.savedOne.replace("{id}", String(id));
  await expect(page.getByRole("status").getByText(saved).last()).toBeVisible();
}

/** Cuts this page off the event stream: saves then meet the other side's change as a 1007. */
async function withoutLiveUpdates(page: Page): Promise<void> {
  await page.route("**/api/v1/processes/events", (route) => route.abort());
  await page.reload();
  await expect(page.getByText("Live updates paused; reconnecting…")).toBeVisible();
}

/** Serious and critical axe findings on the page as it is. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

const conflictOf = (page: Page, id: number) =>
  page.getByRole("group", { name: new RegExp(`^Conflict in process ${id}\\.`) });

test.describe("two operators on the same processes", () => {
  test("different fields changed on both sides merge on save, saying whose change was merged", async ({
    page,
    app,
    browser,
    signIn,
  }) => {
    await app.seed(4);
    await signIn(page);
    await withoutLiveUpdates(page);
    const other = await secondOperator(browser, app.baseUrl, signIn);
    const [, second] = take(await apiProcesses(page.request), 2);

    await commentField(page, second.id).fill("Mine: checked daily");
    await saveFrom(other, second.id, "name", "Theirs: Curing oven");
    await saveButton(page, second.id).click();

    await expect(
      page.getByRole("status").getByText(`Process ${second.id} saved, merged with ${OPERATOR.email}'s change.`),
    ).toBeVisible();
    await expect(nameField(page, second.id)).toHaveValue("Theirs: Curing oven");
    await expect(commentField(page, second.id)).toHaveValue("Mine: checked daily");
    const saved = (await apiProcesses(page.request)).find((p) => p.id === second.id);
    expect(saved).toMatchObject({ name: "Theirs: Curing oven", comment: "Mine: checked daily", version: 3 });

    // The connection back: the browser's own reconnect resumes the stream, and changes arrive again.
    await page.unroute("**/api/v1/processes/events");
    await expect(page.getByText("Live updates on")).toBeVisible({ timeout: 20_000 });
    await saveFrom(other, second.id, "comment", "Theirs again");
    await expect(commentField(page, second.id)).toHaveValue("Theirs again");
    await other.context().close();
  });

  test("Save all over rows changed elsewhere in other fields merges them and saves all in one go", async ({
    page,
    app,
    browser,
    signIn,
  }) => {
    await app.seed(4);
    await signIn(page);
    await withoutLiveUpdates(page);
    const other = await secondOperator(browser, app.baseUrl, signIn);
    const [a, b, c] = take(await apiProcesses(page.request), 3);

    await commentField(page, a.id).fill("Mine A");
    await commentField(page, b.id).fill("Mine B");
    await nameField(page, c.id).fill("Mine C");
    await saveFrom(other, a.id, "name", "Theirs A");
    await saveFrom(other, b.id, "name", "Theirs B");
    await page.getByRole("button", { name: "Save all" }).click();

    await expect(page.getByText(`3 processes saved, merged with ${OPERATOR.email}'s changes.`)).toBeVisible();
    await expect(page.getByText("No unsaved changes")).toBeVisible();
    const after = new Map((await apiProcesses(page.request)).map((p) => [p.id, p]));
    expect(after.get(a.id)).toMatchObject({ name: "Theirs A", comment: "Mine A", version: 3 });
    expect(after.get(b.id)).toMatchObject({ name: "Theirs B", comment: "Mine B", version: 3 });
    expect(after.get(c.id)).toMatchObject({ name: "Mine C", comment: c.comment, version: 2 });
    await other.context().close();
  });

  test("the same field changed on both sides: a conflict, resolved by Keep mine and by Take theirs; Save all waits", async ({
    page,
    app,
    browser,
    signIn,
  }) => {
    await app.seed(5);
    await signIn(page);
    await withoutLiveUpdates(page);
    const other = await secondOperator(browser, app.baseUrl, signIn);
    const [a, b, c] = take(await apiProcesses(page.request), 3);

    await nameField(page, a.id).fill("Mine A");
    await nameField(page, b.id).fill("Mine B");
    await commentField(page, c.id).fill("Mine C, no one else touched it");
    await saveFrom(other, a.id, "name", "Theirs A");
    await saveFrom(other, b.id, "name", "Theirs B");

    // Save all: two conflicts, nothing written (row c neither).
    await page.getByRole("button", { name: "Save all" }).click();
    await expect(
      page.getByText("Nothing was saved: 2 rows have a conflict. Choose whose values to keep."),
    ).toBeVisible();
    const conflictA = conflictOf(page, a.id);
    await expect(conflictA).toContainText(`${OPERATOR.email} changed it`);
    await expect(conflictA.locator('[data-side="theirs"]')).toHaveText("Theirs A");
    await expect(conflictA.locator('[data-side="mine"]')).toHaveText("Mine A");
    await expect(row(page, a.id).getByText("Conflict", { exact: true })).toBeVisible();
    await screenshot(page, "processes-conflict");
    expect(await seriousViolations(page)).toEqual([]);
    expect((await apiProcesses(page.request)).find((p) => p.id === c.id)?.comment).toBe(c.comment);
    await page.getByRole("button", { name: "Save all" }).click();
    await expect(page.getByText("Resolve 2 conflicts before saving all.")).toBeVisible();

    // Keep mine: saved against their version.
    await conflictA.getByRole("button", { name: "Keep mine" }).click();
    await expect(page.getByRole("status").getByText(`Process ${a.id} saved.`)).toBeVisible();
    await expect(conflictA).toHaveCount(0);
    // Take theirs: their value shown, nothing left to save in that row.
    await conflictOf(page, b.id).getByRole("button", { name: "Take theirs" }).click();
    await expect(nameField(page, b.id)).toHaveValue("Theirs B");
    await expect(conflictOf(page, b.id)).toHaveCount(0);

    await page.getByRole("button", { name: "Save all" }).click();
    await expect(page.getByText("No unsaved changes")).toBeVisible();
    const after = new Map((await apiProcesses(page.request)).map((p) => [p.id, p]));
    expect(after.get(a.id)).toMatchObject({ name: "Mine A", version: 3 });
    expect(after.get(b.id)).toMatchObject({ name: "Theirs B", version: 2 });
    expect(after.get(c.id)).toMatchObject({ comment: "Mine C, no one else touched it", version: 2 });
    await other.context().close();
  });

  test("a row nobody edits here takes the other operator's change live, marked by whom", async ({
    page,
    app,
    browser,
    signIn,
  }) => {
    await app.seed(3);
    await signIn(page);
    await expect(page.getByText("Live updates on")).toBeVisible();
    const other = await secondOperator(browser, app.baseUrl, signIn);
    const [first] = take(await apiProcesses(page.request), 1);

    await saveFrom(other, first.id, "name", "Renamed elsewhere");

    await expect(nameField(page, first.id)).toHaveValue("Renamed elsewhere");
    await expect(row(page, first.id).getByText(`Changed by ${OPERATOR.email} just now`)).toBeVisible();
    // The last-changed column names the other operator too (the event's changedBy, note 018).
    await expect(row(page, first.id).locator("time + span")).toHaveText(OPERATOR.email);
    await screenshot(page, "processes-changed-live");
    await other.context().close();
  });

  test("a row being edited here shows the conflict before Save when its base moves", async ({
    page,
    app,
    browser,
    signIn,
  }) => {
    await app.seed(3);
    await signIn(page);
    await expect(page.getByText("Live updates on")).toBeVisible();
    const other = await secondOperator(browser, app.baseUrl, signIn);
    const [first, second] = take(await apiProcesses(page.request), 2);

    await nameField(page, first.id).fill("Typed here");
    await commentField(page, second.id).fill("Comment typed here");
    await saveFrom(other, first.id, "name", "Saved there");
    await saveFrom(other, second.id, "name", "Renamed there");

    const conflict = conflictOf(page, first.id);
    await expect(conflict).toBeVisible();
    await expect(
      page.getByText(`Process ${first.id}: ${OPERATOR.email} changed a field you are editing.`, { exact: false }),
    ).toBeVisible();
    await expect(conflict.locator('[data-side="theirs"]')).toHaveText("Saved there");
    await expect(nameField(page, first.id)).toHaveValue("Typed here");
    await expect(saveButton(page, first.id)).toBeDisabled();
    // The other row only changed a field not touched here: merged quietly, before Save, naming the field.
    await expect(row(page, second.id).getByText(`Merged with ${OPERATOR.email}'s change to the name`)).toBeVisible();
    await expect(nameField(page, second.id)).toHaveValue("Renamed there");
    await expect(commentField(page, second.id)).toHaveValue("Comment typed here");

    await conflict.getByRole("button", { name: "Take theirs" }).click();
    await expect(nameField(page, first.id)).toHaveValue("Saved there");
    await saveButton(page, second.id).click();
    await expect(page.getByText(`Process ${second.id} saved, merged with ${OPERATOR.email}'s change.`)).toBeVisible();
    const after = new Map((await apiProcesses(page.request)).map((p) => [p.id, p]));
    expect(after.get(first.id)).toMatchObject({ name: "Saved there", version: 2 });
    expect(after.get(second.id)).toMatchObject({ name: "Renamed there", comment: "Comment typed here", version: 3 });
    await other.context().close();
  });

  test("a process deleted elsewhere leaves the list live; one being edited here stays, marked gone", async ({
    page,
    app,
    signIn,
    text,
  }) => {
    await app.seed(3);
    await signIn(page);
    await expect(page.getByText("Live updates on")).toBeVisible();
    const [first, second, third] = take(await apiProcesses(page.request), 3);
    await nameField(page, second.id).fill("Edited here");

    await app.deleteProcess(first.id);
    await app.deleteProcess(second.id);

    await expect(nameField(page, first.id)).toHaveCount(0);
    await expect(row(page, second.id).getByText(text.rowState.gone)).toBeVisible();
    await expect(nameField(page, third.id)).toHaveValue(third.name);
  });

  test("a row's history shows who changed what as a diff, and restores a version", async ({ page, app, signIn }) => {
    await app.seed(2);
    await signIn(page);
    const [first] = take(await apiProcesses(page.request), 1);
    await nameField(page, first.id).fill("First name");
    await saveButton(page, first.id).click();
    await expect(page.getByText(`Process ${first.id} saved.`)).toBeVisible();
    await nameField(page, first.id).fill("Second name");
    await commentField(page, first.id).fill("Second comment");
    await saveButton(page, first.id).click();
    await expect(page.getByText(`Process ${first.id} saved.`).last()).toBeVisible();

    const opener = page.getByRole("button", { name: `History of process ${first.id}` });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: `History of process ${first.id}` });
    await expect(dialog).toBeVisible();
    const entries = dialog.getByRole("listitem");
    await expect(entries).toHaveCount(3);
    await expect(entries.nth(0)).toContainText("Version 3");
    await expect(entries.nth(0)).toContainText(TEST_ADMIN.email);
    await expect(entries.nth(0).locator("del").first()).toHaveText("First name");
    await expect(entries.nth(0).locator("ins").first()).toHaveText("Second name");
    await expect(entries.nth(0)).toContainText("Current version");
    await screenshot(page, "processes-history");
    expect(await seriousViolations(page)).toEqual([]);
    await expect(entries.nth(1).locator("del")).toHaveText(first.name);
    await expect(entries.nth(1).locator("ins")).toHaveText("First name");

    // Escape closes it and gives focus back to the button that opened it.
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();

    // From the keyboard: Alt+H in the row; focus comes back to the cell.
    await nameField(page, first.id).focus();
    // The key goes to the cell only once it holds focus (a loaded machine let the press arrive first, once).
    await expect(nameField(page, first.id)).toBeFocused();
    await page.keyboard.press("Alt+KeyH");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
    await dialog.getByRole("button", { name: "Restore version 2" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(`Process ${first.id} saved.`).last()).toBeVisible();
    await expect(nameField(page, first.id)).toHaveValue("First name");
    await expect(nameField(page, first.id)).toBeFocused();
    const restored = (await apiProcesses(page.request)).find((p) => p.id === first.id);
    expect(restored).toMatchObject({ name: "First name", comment: first.comment, version: 4 });

    await opener.click();
    await expect(dialog.getByRole("listitem")).toHaveCount(4);
    await expect(dialog.getByRole("listitem").first()).toContainText("Version 4");
  });
});

test("a read-only operator sees changes live and a row's history, without Restore", async ({
  page,
  app,
  browser,
  signIn,
}) => {
  await app.seed(2);
  await signIn(page, VIEWER);
  await expect(page.getByText("Live updates on")).toBeVisible();
  const other = await secondOperator(browser, app.baseUrl, signIn);
  const [first] = take(await apiProcesses(page.request), 1);

  await saveFrom(other, first.id, "name", "Renamed for viewers");
  const table = page.getByRole("table", { name: "Processes" });
  await expect(table.getByRole("cell", { name: "Renamed for viewers", exact: true })).toBeVisible();

  await page.getByRole("button", { name: `History of process ${first.id}` }).click();
  const dialog = page.getByRole("dialog", { name: `History of process ${first.id}` });
  await expect(dialog.getByRole("listitem")).toHaveCount(2);
  await expect(dialog.getByRole("listitem").first()).toContainText(OPERATOR.email);
  await expect(dialog.getByRole("button", { name: /^Restore/ })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await other.context().close();
});

test.describe("in Russian", () => {
  test.use({ uiLocale: "ru" });

  test("the live mark and the conflict speak the operator's language", async ({ page, app, browser, signIn, text }) => {
    await app.seed(2);
    await signIn(page);
    await expect(page.getByText(text.live.on)).toBeVisible();
    // Both in Russian: the fixture signs in with this test's catalog.
    const other = await secondOperator(browser, app.baseUrl, signIn, "ru-RU");
    const [first, second] = take(await apiProcesses(page.request), 2);

    await nameField(page, second.id, "ru").fill("Моё название");
    await saveFrom(other, first.id, "name", "Renamed elsewhere", ruText);
    await saveFrom(other, second.id, "name", "Their name", ruText);

    await expect(row(page, first.id).getByText(text.live.changedBy.replace("{who}", OPERATOR.email))).toBeVisible();
    const conflict = page.getByRole("group", { name: new RegExp(`^Конфликт в процессе ${second.id}\\.`) });
    await expect(conflict.getByRole("button", { name: text.live.keepMine })).toBeVisible();
    await expect(conflict.getByRole("button", { name: text.live.takeTheirs })).toBeVisible();
    await other.context().close();
  });
});

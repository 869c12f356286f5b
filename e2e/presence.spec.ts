import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import {
  apiProcesses,
  commentField,
  expect,
  nameField,
  OPERATOR,
  row,
  screenshot,
  test,
  type Account,
} from "./support/fixtures";
import { TEST_ADMIN } from "@/test/support/accounts";
import { take } from "@/test/support/take";

// Two people on the processes page (docs/decisions/030): each sees the other in the header, and the rows the
// other edits; the other leaving takes them off; a quiet merge names the field. In English and in Russian.

type SignIn = (page: Page, account?: Account) => Promise<void>;

async function secondPerson(browser: Browser, baseURL: string, signIn: SignIn, locale: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale });
  const other = await context.newPage();
  await signIn(other, OPERATOR);
  return other;
}

/** The header's list of the others here, by its accessible name. */
const othersHere = (page: Page, label: string) => page.getByRole("list", { name: label });

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`presence (${uiLocale})`, () => {
    test.use({ uiLocale });

    test("each sees the other, and the row the other edits; leaving takes them off", async ({
      page,
      app,
      browser,
      signIn,
      text,
      locale,
    }) => {
      // Two browsers and a phone-sized screenshot on a shared, loaded machine.
      test.setTimeout(180_000);
      await app.seed(3);
      await signIn(page);
      const other = await secondPerson(browser, app.baseUrl, signIn, locale ?? "en-US");
      const [first] = take(await apiProcesses(page.request), 1);

      // Both pages list the other person: initials shown, the name for screen readers and on hover.
      const here = othersHere(page, text.presence.alsoHere);
      await expect(here.getByRole("listitem")).toHaveText([`OP${OPERATOR.email}`]);
      await expect(here.getByTitle(OPERATOR.email)).toHaveText("OP");
      await expect(othersHere(other, text.presence.alsoHere).getByRole("listitem")).toHaveText([
        `AD${TEST_ADMIN.email}`,
      ]);

      // The other starts typing in row 1: this page shows who edits it, in that row only.
      await nameField(other, first.id, uiLocale).fill("Typed over there");
      const editing = text.presence.editingNow.replace("{names}", OPERATOR.email);
      await expect(row(page, first.id).getByText(editing)).toBeAttached();
      await expect(row(page, first.id).getByTitle(editing)).toContainText("OP");
      await expect(page.getByText(editing)).toHaveCount(1);
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
      await screenshot(page, `presence-${uiLocale}-desktop`);
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, `presence-${uiLocale}-390`);

      // They discard: the row no longer names them (at the page's next write, within 5 s).
      await other
        .getByRole("button", { name: text.table.discardOf.replace("{id}", String(first.id)), exact: true })
        .click();
      await expect(row(page, first.id).getByText(editing)).toHaveCount(0, { timeout: 15_000 });

      // They close the page: gone from the header.
      await other.context().close();
      await expect(here).toHaveCount(0, { timeout: 15_000 });
    });

    test("a quiet merge names the field the other person changed", async ({
      page,
      app,
      browser,
      signIn,
      text,
      locale,
    }) => {
      await app.seed(2);
      await signIn(page);
      const other = await secondPerson(browser, app.baseUrl, signIn, locale ?? "en-US");
      const [, second] = take(await apiProcesses(page.request), 2);
      await commentField(page, second.id, uiLocale).fill("Comment typed here");
      await nameField(other, second.id, uiLocale).fill("Renamed there");
      await other
        .getByRole("button", { name: text.table.saveOf.replace("{id}", String(second.id)), exact: true })
        .click();
      const merged = text.presence.mergedFields
        .replace("{who}", OPERATOR.email)
        .replace("{fields}", text.presence.fieldName);
      await expect(row(page, second.id).getByText(merged)).toBeVisible();
      await expect(nameField(page, second.id, uiLocale)).toHaveValue("Renamed there");
      await expect(commentField(page, second.id, uiLocale)).toHaveValue("Comment typed here");
      await other.context().close();
    });
  });
}

import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test, type Account } from "./support/fixtures";

// The account page in both languages: a person changes their own password (a weak one is refused with the
// server's reason under the field) and ends another session of theirs, whose browser is then signed out; the
// account and security log pages have no serious axe findings.

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`account (${uiLocale})`, () => {
    test.use({ uiLocale });

    test("a person ends another session of theirs and changes their own password", async ({
      page,
      app,
      text,
      signIn,
      browser,
      locale,
    }) => {
      test.slow();
      const person: Account = { email: `account-${uiLocale}@example.com`, password: "first-password-123" };
      await app.createUsers([{ ...person, role: "User" }]);

      /** Another browser of the same person, signed in through the form. */
      const signInElsewhere = async (target: Browser, password: string) => {
        const context = await target.newContext({ baseURL: app.baseUrl, locale });
        const other = await context.newPage();
        await other.goto("/signin");
        await other.getByLabel(text.signIn.email).fill(person.email);
        await other.getByLabel(text.signIn.password).fill(password);
        await other.getByRole("button", { name: text.signIn.submit }).click();
        await expect(other).toHaveURL(/\/settings\/processes$/, { timeout: 30_000 });
        return { context, other };
      };
      const elsewhere = await signInElsewhere(browser, person.password);

      await signIn(page, person);
      await page.getByRole("link", { name: text.shell.sections.account }).click();
      await expect(page.getByRole("heading", { name: text.account.title, level: 1 })).toBeVisible();
      const sessions = page.getByRole("table", { name: text.account.sessionsTitle });
      await expect(sessions.getByRole("row")).toHaveCount(3); // the header and two sessions
      await expect(sessions.getByText(text.account.thisSession)).toHaveCount(1);
      expect(await seriousViolations(page)).toEqual([]);

      // End the other browser's session: it is signed out.
      const otherRow = sessions.getByRole("row").filter({ hasNotText: text.account.thisSession }).nth(1);
      page.once("dialog", (d) => void d.accept());
      await otherRow.getByRole("button", { name: text.account.endLabel.split("{")[0]!.trim() }).click();
      await expect(sessions.getByRole("row")).toHaveCount(2);
      // The other page may already be leaving for the sign-in page on its own (its live stream ends with the
      // session), which aborts this navigation: either way it must land there.
      await elsewhere.other.goto("/settings/account").catch((error: Error) => {
        if (!error.message.includes("net::ERR_ABORTED")) throw error;
      });
      await expect(elsewhere.other).toHaveURL(/\/signin\?callbackUrl=/);
      await elsewhere.context.close();

      // A weak new password: the server says why, under the field; nothing changes.
      await page.getByLabel(text.account.currentPassword).fill(person.password);
      await page.getByLabel(text.account.newPassword, { exact: true }).fill("password1234");
      await page.getByLabel(text.account.confirmPassword).fill("password1234");
      await page.getByRole("button", { name: text.account.changePassword }).click();
      await expect(page.getByText(text.validation.weakCommon)).toBeVisible();

      const strong = "plum-kettle-orbit-42";
      await page.getByLabel(text.account.newPassword, { exact: true }).fill(strong);
      await page.getByLabel(text.account.confirmPassword).fill(strong);
      await page.getByRole("button", { name: text.account.changePassword }).click();
      await expect(page.getByText(text.account.passwordChanged.split(".")[0]!, { exact: false })).toBeVisible();
      await expect(page.getByLabel(text.account.currentPassword)).toHaveValue("");
      // This session stays; the new password signs in elsewhere.
      await page.reload();
      await expect(page.getByRole("heading", { name: text.account.title, level: 1 })).toBeVisible();
      const again = await signInElsewhere(browser, strong);
      await again.context.close();
    });

    test("the security log shows the events to a Super user, filtered, without serious axe findings", async ({
      page,
      text,
      signIn,
    }) => {
      await signIn(page);
      await page.getByRole("link", { name: text.shell.sections.audit }).click();
      await expect(page.getByRole("heading", { name: text.audit.title, level: 1 })).toBeVisible();
      const table = page.getByRole("table", { name: text.audit.caption });
      await expect(
        table.getByRole("row", { name: new RegExp(text.audit.actions.signInSucceeded) }).first(),
      ).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel(text.audit.action, { exact: true }).selectOption(text.audit.actions.signInFailed);
      await page.getByRole("button", { name: text.audit.apply }).click();
      await expect(page.getByText(text.audit.empty).or(table.getByRole("row").nth(1))).toBeVisible();
      await expect(page.getByRole("link", { name: text.audit.downloadCsv })).toHaveAttribute(
        "href",
        "/api/v1/audit.csv?action=sign-in.failed",
      );
    });
  });
}

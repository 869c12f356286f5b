import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { OIDC_ACCOUNTS, OIDC_DISPLAY_NAME, expect, test } from "./support/oidc-fixtures";
import { processesTable, screenshot } from "./support/fixtures";
import type { OidcAccount } from "@/test/support/oidc-provider";

// Single sign-on in the browser, the whole redirect flow: the app's "Sign in with …" button, the provider's
// login form, and back, signed in with the role the provider's claim maps to.

test.describe.configure({ mode: "serial" });

// Only this machine's servers: the app and the provider (nothing may be fetched from elsewhere).
test.beforeEach(async ({ page }) => {
  await page.context().route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => route.abort(),
  );
});

async function signInWithProvider(page: Page, button: string, account: OidcAccount) {
  await page.goto("/settings/processes");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  // A click that lands before the page is hydrated does nothing: click again until the provider answers.
  const start = page.getByRole("button", { name: button });
  const form = page.getByRole("heading", { name: "Test provider sign-in" });
  await expect(async () => {
    if (await start.isEnabled({ timeout: 500 }).catch(() => false)) await start.click({ timeout: 1_000 });
    await expect(form).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByLabel("Username").fill(account.sub);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Continue" }).click();
}

const sessionRole = async (page: Page) =>
  ((await (await page.request.get("/api/auth/session")).json()) as { user?: { role: string } }).user?.role;

test.describe("in English", () => {
  test("a User signs in with the provider and sees the processes read-only", async ({ page, app, text }) => {
    await app.seed(3);
    await signInWithProvider(page, `Sign in with ${OIDC_DISPLAY_NAME}`, OIDC_ACCOUNTS.operator);
    await expect(page).toHaveURL(/\/settings\/processes$/);
    const table = processesTable(page, text.table.label);
    await expect(table).toBeVisible();
    await expect(page.getByRole("table", { name: text.table.label })).toBeVisible();
    await expect(table.getByRole("textbox")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "API tokens" })).toHaveCount(0);
    expect(await sessionRole(page)).toBe("User");
  });

  test("an account whose claim maps to no role comes back to the sign-in page, told why", async ({ page }) => {
    await signInWithProvider(page, `Sign in with ${OIDC_DISPLAY_NAME}`, OIDC_ACCOUNTS.guest);
    await expect(page).toHaveURL(/\/signin\?error=OidcNoRole$/);
    await expect(
      page.getByRole("alert").filter({ hasText: `Your account at ${OIDC_DISPLAY_NAME} has no role` }),
    ).toBeVisible();
    expect(await sessionRole(page)).toBeUndefined();
    // The page with the button and the refusal: nothing serious for axe.
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await screenshot(page, "signin-oidc-refused-en");
  });

  test("signing out also signs out at the provider, and comes back to sign-in", async ({ page, text }) => {
    await signInWithProvider(page, `Sign in with ${OIDC_DISPLAY_NAME}`, OIDC_ACCOUNTS.operator);
    await expect(page).toHaveURL(/\/settings\/processes$/);
    // The page is live (hydrated, its event stream open): the button's click now reaches its handler.
    await expect(page.getByText(text.live.on)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign out of the test provider?" })).toBeVisible();
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await expect(page).toHaveURL(/\/signin$/);
    expect(await sessionRole(page)).toBeUndefined();
    // Signed out at the provider too: the next sign-in asks for the password again.
    await signInWithProvider(page, `Sign in with ${OIDC_DISPLAY_NAME}`, OIDC_ACCOUNTS.operator);
    await expect(page).toHaveURL(/\/settings\/processes$/);
  });
});

test.describe("in Russian", () => {
  test.use({ uiLocale: "ru" });

  test("a Super user signs in with the provider and has the Super user's sections", async ({ page, text }) => {
    await signInWithProvider(page, `Войти через ${OIDC_DISPLAY_NAME}`, OIDC_ACCOUNTS.admin);
    await expect(page).toHaveURL(/\/settings\/processes$/);
    await expect(processesTable(page, text.table.label)).toBeVisible();
    await expect(page.getByRole("link", { name: text.shell.sections.apiTokens })).toBeVisible();
    expect(await sessionRole(page)).toBe("Super user");
  });
});

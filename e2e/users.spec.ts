import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, processesTable, test } from "./support/fixtures";

// Issue 20, in both languages: a Super user adds a user; the user sets a password through the one-time link
// and signs in; a promotion reaches their open page without a reload, disabling signs it out, both within
// the 5 s; a Super user's own demotion is refused; axe finds nothing serious on the new pages.

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

/** The bound for a change to reach every open page. */
const WITHIN = { timeout: 5_000 };

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`users in ${uiLocale}`, () => {
    test.use({ uiLocale });

    test("add a user, link, sign-in, live promotion, disabling, and the guard on oneself", async ({
      page,
      browser,
      app,
      signIn,
      text,
    }) => {
      test.slow();
      const u = text.users;
      await app.seed(2);
      await signIn(page);
      await page.goto("/settings/users");
      await expect(page.getByRole("heading", { name: u.title, level: 1 })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      const email = `new-${uiLocale}-${Date.now()}@plant.example`;
      await page.getByRole("button", { name: u.add }).click();
      const dialog = page.getByRole("dialog", { name: u.createTitle });
      await dialog.getByLabel(u.email).fill(email);
      await dialog.getByLabel(u.name).fill("New operator");
      await dialog.getByRole("button", { name: u.create, exact: true }).click();
      await expect(dialog).toBeHidden();
      const url = (await page.getByTestId("password-link").textContent())!;
      expect(url).toMatch(new RegExp(`^${app.baseUrl}/set-password#[A-Za-z0-9_-]{43}$`));
      const userRow = page.getByRole("row").filter({ hasText: email });
      await expect(userRow.getByText(u.status["must-change-password"])).toBeVisible();

      // The new user, in a browser of their own.
      const theirs = await browser.newContext({ baseURL: app.baseUrl, locale: uiLocale === "ru" ? "ru-RU" : "en-US" });
      const other = await theirs.newPage();
      const s = text.setPassword;
      await other.goto(url.slice(app.baseUrl.length));
      await expect(other.getByText(s.lead.replace("{email}", email))).toBeVisible();
      expect(await seriousViolations(other)).toEqual([]);
      await other.getByLabel(s.password, { exact: true }).fill("a quiet kettle by the lake");
      await other.getByLabel(s.confirm).fill("a quiet kettle by the lake");
      await other.getByRole("button", { name: s.submit }).click();
      await expect(other.getByText(s.done)).toBeVisible();
      await other.getByRole("link", { name: s.signIn }).click();
      await other.getByLabel(text.signIn.email).fill(email);
      await other.getByLabel(text.signIn.password).fill("a quiet kettle by the lake");
      await other.getByRole("button", { name: text.signIn.submit }).click();
      await expect(other).toHaveURL(/\/settings\/processes$/);
      await expect(other.getByRole("table", { name: text.table.label })).toBeVisible();
      // Marks this document: a reload would lose it.
      await other.evaluate(() => ((window as unknown as { kept: number }).kept = 20));

      // The link is spent: opening it again says so.
      const again = await theirs.newPage();
      await again.goto(url.slice(app.baseUrl.length));
      await expect(again.getByRole("alert").filter({ hasText: s.invalid })).toBeVisible();
      await again.close();

      // Promoted: their open page becomes editable without a reload.
      await page.reload();
      await userRow.getByRole("combobox", { name: u.roleOf.replace("{email}", email) }).selectOption("Advanced user");
      await expect(page.getByText(u.changed.replace("{email}", email)).first()).toBeVisible();
      await expect(other.getByRole("grid", { name: text.table.label })).toBeVisible(WITHIN);
      expect(await other.evaluate(() => (window as unknown as { kept?: number }).kept)).toBe(20);

      // Disabled: their open page is signed out.
      await userRow.getByRole("button", { name: u.disable }).click();
      const confirm = page.getByRole("dialog", { name: u.confirm.disable.title.replace("{email}", email) });
      await confirm.getByRole("button", { name: u.confirm.disable.ok }).click();
      await expect(userRow.getByText(u.status.disabled)).toBeVisible();
      await expect(other).toHaveURL(/\/signin\?/, WITHIN);
      await theirs.close();

      // Their own demotion is refused, clearly; the role stays.
      const me = page.getByRole("row").filter({ hasText: text.users.you });
      await me.getByRole("combobox").selectOption("User");
      await expect(page.getByText(u.refusedSelf)).toBeVisible();
      await expect(me.getByRole("combobox")).toHaveValue("Super user");
      const self = (await (await page.request.get("/api/v1/me")).json()) as { id: number };
      const refused = await page.request.patch(`/api/v1/users/${self.id}`, {
        data: { role: "User" },
        headers: { Origin: app.baseUrl },
      });
      expect(refused.status()).toBe(409);
      expect(await refused.json()).toMatchObject({ code: 1008 });
      await page.goto("/settings/processes");
      await expect(processesTable(page, text.table.label)).toBeVisible();
    });

    test("an initial password leads to choosing one's own before anything else", async ({
      browser,
      page,
      app,
      signIn,
      text,
    }) => {
      const email = `initial-${uiLocale}-${Date.now()}@plant.example`;
      await signIn(page);
      const created = await page.request.post("/api/v1/users", {
        data: { email, role: "User", password: "a starting passphrase 9" },
        headers: { Origin: app.baseUrl },
      });
      expect(created.status()).toBe(201);
      const theirs = await browser.newContext({ baseURL: app.baseUrl, locale: uiLocale === "ru" ? "ru-RU" : "en-US" });
      const other = await theirs.newPage();
      await other.goto("/settings/processes");
      await other.getByLabel(text.signIn.email).fill(email);
      await other.getByLabel(text.signIn.password).fill("a starting passphrase 9");
      await other.getByRole("button", { name: text.signIn.submit }).click();
      await expect(other).toHaveURL(/\/set-password#[A-Za-z0-9_-]{43}$/);
      // No session yet: the API refuses them.
      expect((await other.request.get("/api/v1/processes")).status()).toBe(401);
      await other.getByLabel(text.setPassword.password, { exact: true }).fill("my very own password");
      await other.getByLabel(text.setPassword.confirm).fill("my very own password");
      await other.getByRole("button", { name: text.setPassword.submit }).click();
      await expect(other.getByText(text.setPassword.done)).toBeVisible();
      await expect(other).toHaveURL(/\/set-password$/);
      await other.getByRole("link", { name: text.setPassword.signIn }).click();
      await other.getByLabel(text.signIn.email).fill(email);
      await other.getByLabel(text.signIn.password).fill("my very own password");
      await other.getByRole("button", { name: text.signIn.submit }).click();
      await expect(other).toHaveURL(/\/settings\/processes$/);
      await theirs.close();
    });
  });
}

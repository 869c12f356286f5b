import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import en from "@/messages/en.json" with { type: "json" };
import ru from "@/messages/ru.json" with { type: "json" };
import { TEST_ADMIN } from "@/test/support/accounts";
import { GROUP_ROLES, GROUPS_DN, PEOPLE, PEOPLE_DN, SERVICE, startSlapd, type Slapd } from "@/test/support/slapd";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

// The sign-in page with directory sign-in configured, in a real browser, in both languages: its own slapd
// (test/support/slapd.ts) and server, since the other specs run without a directory.

let slapd: Slapd;
let database: TestDatabase;
let server: TestServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  slapd = await startSlapd();
  database = await createTestDatabase("sqlite");
  server = await startServer({
    env: {
      DATABASE_URL: database.url,
      LDAP_URL: slapd.ldapsUrl,
      LDAP_CA_FILE: slapd.caFile,
      LDAP_BIND_DN: SERVICE.dn,
      LDAP_BIND_PASSWORD: SERVICE.password,
      LDAP_USER_BASE_DN: PEOPLE_DN,
      LDAP_GROUP_BASE_DN: GROUPS_DN,
      LDAP_GROUP_ROLES: GROUP_ROLES,
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await database?.drop();
  await slapd?.stop();
});

for (const [locale, text] of [
  ["en", en],
  ["ru", ru],
] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test("the directory form comes first: a refusal says one thing, a right password signs in; the page passes axe", async ({
      page,
    }) => {
      await page.goto(`${server.baseUrl}/signin`);
      await expect(page.getByText(text.signIn.directoryHint)).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

      await page.getByLabel(text.signIn.login).fill("frank");
      await page.getByLabel(text.signIn.password).fill(PEOPLE.frank.password);
      await page.getByRole("button", { name: text.signIn.submit, exact: true }).click();
      await expect(page.locator("p[role=alert]")).toHaveText(`⚠ ${text.signIn.refusedDirectory}`);
      await expect(page.getByLabel(text.signIn.password)).toBeFocused();

      await page.getByLabel(text.signIn.login).fill(PEOPLE.bob.mail);
      await page.getByLabel(text.signIn.password).fill(PEOPLE.bob.password);
      await page.getByRole("button", { name: text.signIn.submit, exact: true }).click();
      await expect(page).toHaveURL(/\/settings\/processes$/, { timeout: 30_000 });
    });

    test("the switch to a local account moves focus to its email field, and the break-glass Super user signs in", async ({
      page,
    }) => {
      await page.goto(`${server.baseUrl}/signin`);
      await page.getByRole("button", { name: text.signIn.useLocal }).click();
      await expect(page.getByLabel(text.signIn.email)).toBeFocused();
      await expect(page.getByText(text.signIn.localHint)).toBeVisible();
      await page.getByLabel(text.signIn.email).fill(TEST_ADMIN.email);
      await page.getByLabel(text.signIn.password).fill(TEST_ADMIN.password);
      await page.getByRole("button", { name: text.signIn.submit, exact: true }).click();
      await expect(page).toHaveURL(/\/settings\/processes$/, { timeout: 30_000 });
    });
  });
}

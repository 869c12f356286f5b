import { apiProcesses, expect, test } from "./support/fixtures";

// Issue 22's small ones, in both languages: the empty list says where processes come from; the import
// preview's id does not wrap; the API reference sits in a Help menu for integrators and opens in a new tab; an
// app icon, so that no page asks for a missing one (no 404 in any page's console).

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`small things (${uiLocale})`, () => {
    test.use({ uiLocale });

    test("the empty list says where processes come from", async ({ page, app, signIn, text }) => {
      await app.seed(0);
      await signIn(page);
      await expect(page.getByText(text.processes.empty)).toBeVisible();
      expect(text.processes.empty).toMatch(/API/);
    });

    test("the import preview keeps an id on one line", async ({ page, app, signIn, text }) => {
      await app.seed(12);
      await signIn(page);
      // Ids go on from earlier seeds: the last of twelve has two digits or more.
      const last = (await apiProcesses(page.request)).at(-1)!.id;
      const d = uiLocale === "ru" ? ";" : ",";
      await page.getByLabel(text.csv.fileLabel).setInputFiles({
        name: "ids.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`\uFEFFid${d}name${d}comment\r\n${last}${d}Renamed${d}\r\n`, "utf8"),
      });
      const dialog = page.getByRole("dialog", { name: text.csv.title.replace("{file}", "ids.csv") });
      const id = dialog.getByRole("rowheader", { name: String(last), exact: true });
      await expect(id).toBeVisible();
      expect(await id.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe("nowrap");
    });

    test("Help holds the API reference for integrators, in a new tab; no page logs a 404", async ({
      page,
      signIn,
      text,
    }) => {
      const missing: string[] = [];
      const errors: string[] = [];
      page.on("response", (r) => r.status() === 404 && missing.push(r.url()));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await signIn(page);
      await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon/);
      await page.getByText(text.help.menu, { exact: true }).click();
      const link = page.getByRole("link", { name: new RegExp(text.help.apiReference) });
      await expect(link).toContainText(text.help.forIntegrators);
      await expect(link).toHaveAttribute("target", "_blank");
      await expect(link).toHaveAccessibleName(new RegExp(text.help.newTab.replace(/[()]/g, "\\$&")));
      for (const path of ["/settings/account", "/docs/api", "/settings/processes"]) {
        await page.goto(path);
        await page.waitForLoadState("load");
      }
      expect(missing).toEqual([]);
      expect(errors.filter((e) => /404|favicon|icon/.test(e))).toEqual([]);
    });
  });
}

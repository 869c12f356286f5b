import { expect, test } from "./support/fixtures";

// On a touch screen (no hover, a coarse pointer) the keyboard legend, with its Ctrl and Alt keys, is not shown;
// with a mouse it is. In both languages.

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`touch screens (${uiLocale})`, () => {
    test.use({ uiLocale });

    test("no keyboard legend on a touch screen, the legend with a mouse", async ({
      browser,
      page,
      app,
      signIn,
      locale,
    }) => {
      await app.seed(3);
      const legend = (p: typeof page) => p.locator("kbd").first();
      await signIn(page);
      await expect(legend(page)).toBeVisible();

      const context = await browser.newContext({
        baseURL: app.baseUrl,
        locale: locale ?? "en-US",
        hasTouch: true,
        isMobile: true,
        viewport: { width: 1024, height: 768 },
      });
      const tablet = await context.newPage();
      await signIn(tablet);
      expect(await tablet.evaluate(() => matchMedia("(hover: none) and (pointer: coarse)").matches)).toBe(true);
      await expect(legend(tablet)).toBeHidden();
      await context.close();
    });
  });
}

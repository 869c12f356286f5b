import { apiProcesses, expect, nameField, row, saveButton, screenshot, test } from "./support/fixtures";
import { take } from "@/test/support/take";

// With the network down (Playwright's offline mode: navigator.onLine false, requests fail) the header says so,
// a pending save says "Waiting for the network" instead of "Saving…", and it saves when the network returns.

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`no network (${uiLocale})`, () => {
    test.use({ uiLocale });

    test("the header and the row say the network is gone; the save goes out when it returns", async ({
      page,
      app,
      signIn,
      text,
      context,
    }) => {
      await app.seed(2);
      await signIn(page);
      await expect(page.getByText(text.live.on)).toBeVisible();
      const [first] = take(await apiProcesses(page.request), 1);

      await context.setOffline(true);
      await expect(page.getByRole("status").filter({ hasText: text.network.offline })).toBeVisible();
      await expect(page.getByText(text.live.on)).toHaveCount(0);

      await nameField(page, first.id, uiLocale).fill("Saved after the outage");
      const save =
        uiLocale === "en"
          ? saveButton(page, first.id)
          : page.getByRole("button", { name: text.table.saveOf.replace("{id}", String(first.id)), exact: true });
      await save.click();
      await expect(row(page, first.id).getByText(text.network.waiting, { exact: true })).toBeVisible();
      await expect(row(page, first.id).getByText(text.rowState.saving, { exact: true })).toHaveCount(0);
      await screenshot(page, `offline-${uiLocale}-desktop`);

      await context.setOffline(false);
      await expect(row(page, first.id).getByText(text.rowState.saved, { exact: true })).toBeVisible({
        timeout: 15_000,
      });
      await expect(page.getByText(text.network.offline)).toHaveCount(0);
      expect((await apiProcesses(page.request)).find((p) => p.id === first.id)?.name).toBe("Saved after the outage");
    });
  });
}

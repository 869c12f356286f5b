// Issue 23 on the page, in English and Russian: with a required reason and electronic signatures (set by the
// CHANGE_* variables, the policy's initial values), Save all asks once for the reason and the signature; a cancel
// sends nothing; a wrong password keeps the edits; the history shows the reason and the manifestation. Then a
// Super user changes the policy on /settings/change-control. docs/decisions/032-change-control.md.
import { apiProcesses, expect, nameField, OPERATOR, test } from "./support/fixtures";
import { take } from "@/test/support/take";

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

const REQUIRED = { CHANGE_REASON: "required", CHANGE_REASONS: "Deviation DV-1;Recipe fix", CHANGE_SIGNATURES: "true" };

// The server's initial policy (a worker's server: both languages may share it, so each test leaves it so).
test.use({ serverEnv: REQUIRED });
// Two people sign in, three saves and a settings page: more than the default minute on a loaded 2-core machine.
test.setTimeout(180_000);

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`change control on the page (${uiLocale})`, () => {
    // The signer's zone as the browser reports it, shown in the manifestation.
    test.use({ uiLocale, timezoneId: "Europe/Berlin" });

    test("Save all asks once for reason and signature; the history shows them; a Super user sets the policy", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      const cc = text.changeControl;
      await app.seed(3);
      await signIn(page, OPERATOR);
      const [first, second] = take(await apiProcesses(page.request), 2);
      const puts: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "PUT" && new URL(r.url()).pathname.startsWith("/api/v1/processes"))
          puts.push(new URL(r.url()).pathname);
      });
      await nameField(page, first.id, uiLocale).fill("Mixing A");
      await nameField(page, second.id, uiLocale).fill("Mixing B");

      // Cancel: nothing is sent, the edits stay.
      await page.getByRole("button", { name: text.toolbar.saveAll }).click();
      const prompt = page.getByRole("dialog");
      await expect(prompt.getByLabel(cc.prompt.reason)).toBeVisible();
      await prompt.getByRole("button", { name: cc.prompt.cancel }).click();
      await expect(prompt).toBeHidden();
      expect(puts).toEqual([]);
      await expect(nameField(page, first.id, uiLocale)).toHaveValue("Mixing A");

      // No reason: the prompt says so and sends nothing.
      await page.getByRole("button", { name: text.toolbar.saveAll }).click();
      await prompt.getByRole("button", { name: cc.prompt.confirmSign }).click();
      await expect(prompt.getByRole("alert")).toHaveText(cc.prompt.enterReason);
      expect(puts).toEqual([]);

      // A wrong password: refused by the server, the edits kept, nothing written.
      await prompt.getByLabel(cc.prompt.reason).fill("Recipe fix");
      await prompt.getByLabel(cc.prompt.password).fill("not my password");
      await prompt.getByRole("button", { name: cc.prompt.confirmSign }).click();
      await expect(page.getByText(cc.refused.password)).toBeVisible();
      expect(puts).toEqual(["/api/v1/processes"]);
      expect((await apiProcesses(page.request)).find((p) => p.id === first.id)?.name).toBe(first.name);
      await expect(nameField(page, first.id, uiLocale)).toHaveValue("Mixing A");

      // Signed: one request for both rows.
      await page.getByRole("button", { name: text.toolbar.saveAll }).click();
      await prompt.getByLabel(cc.prompt.reason).fill("Recipe fix");
      await prompt.getByLabel(cc.prompt.meaning).selectOption({ label: cc.meanings.reviewed });
      await prompt.getByLabel(cc.prompt.password).fill(OPERATOR.password);
      await prompt.getByRole("button", { name: cc.prompt.confirmSign }).click();
      await expect(page.getByText(text.toolbar.noChanges)).toBeVisible();
      expect(puts).toEqual(["/api/v1/processes", "/api/v1/processes"]);
      const after = new Map((await apiProcesses(page.request)).map((p) => [p.id, p.name]));
      expect([after.get(first.id), after.get(second.id)]).toEqual(["Mixing A", "Mixing B"]);

      await page.getByRole("button", { name: fill(text.history.openOf, { id: first.id }) }).click();
      const history = page.getByRole("dialog", { name: fill(text.history.title, { id: first.id }) });
      const newest = history.getByRole("listitem").first();
      await expect(newest).toContainText(fill(cc.reasonLabel, { reason: "Recipe fix" }));
      await expect(newest).toContainText(OPERATOR.email);
      await expect(newest).toContainText(`(${cc.meanings.reviewed})`);
      await expect(newest).toContainText("Europe/Berlin");

      // A Super user makes the reason optional and turns signatures off on the settings page.
      // Leave the page first: signed out under it, the page's own redirect to sign-in would abort the navigation.
      await page.goto("about:blank");
      await page.context().clearCookies();
      await signIn(page);
      await page.getByRole("link", { name: text.shell.sections.changeControl }).click();
      await expect(page.getByRole("heading", { name: cc.title })).toBeVisible();
      await page.getByLabel(cc.fields.reasonMode).selectOption({ label: cc.reasonModes.optional });
      await page.getByLabel(cc.fields.signatures).uncheck();
      await page.getByRole("button", { name: cc.save }).click();
      await expect(page.getByText(cc.saved)).toBeVisible();
      const policy = await (await page.request.get("/api/v1/change-control")).json();
      expect(policy.policy).toMatchObject({
        reasonMode: "optional",
        standardReasons: ["Deviation DV-1", "Recipe fix"],
        signatures: false,
      });
      // Back to the initial policy for the other language's test on this worker's server.
      const restored = await page.request.put("/api/v1/change-control", {
        headers: { Origin: app.baseUrl },
        data: { ...policy.policy, updatedAt: undefined, reasonMode: "required", signatures: true },
      });
      expect(restored.status()).toBe(200);
    });
  });
}

// Issue 23, four-eyes approval on the page, in English and Russian, with two people: under CHANGE_APPROVAL=on and
// every process protected, an operator's save becomes a change request (nothing written, the row marked as
// pending); the operator sees it as theirs on /settings/change-requests and cannot approve it; a Super user sees
// the diff and approves it, and the change is applied; axe finds nothing serious on either page. Note 043.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { apiProcesses, expect, nameField, OPERATOR, test } from "./support/fixtures";
import { take } from "@/test/support/take";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

test.use({ serverEnv: { CHANGE_APPROVAL: "on", CHANGE_PROTECTED: "all" } });
test.setTimeout(180_000);

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`four-eyes approval on the page (${uiLocale})`, () => {
    test.use({ uiLocale });

    test("an operator's save is held as a request; a Super user approves it and it is applied", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      const cr = text.changeRequests;
      await app.seed(3);
      await signIn(page, OPERATOR);
      const [first] = take(await apiProcesses(page.request), 1);
      await expect(page.getByRole("img", { name: cr.protected }).first()).toBeVisible();
      const name = `Held ${uiLocale}`;
      await nameField(page, first.id, uiLocale).fill(name);
      await page.getByRole("button", { name: text.toolbar.saveAll }).click();

      // Held: nothing written, the draft gone, the row marked as waiting for a decision.
      await expect(nameField(page, first.id, uiLocale)).toHaveValue(first.name);
      await expect(page.getByRole("img", { name: cr.pending })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      expect((await apiProcesses(page.request)).find((p) => p.id === first.id)?.name).toBe(first.name);
      const listed = await (await page.request.get("/api/v1/change-requests?state=pending")).json();
      expect(listed.changeRequests).toHaveLength(1);
      const request = listed.changeRequests[0];
      expect(request.processIds).toEqual([first.id]);

      // The requester sees it as theirs, with no way to approve it.
      await page.goto("/settings/change-requests");
      await expect(page.getByRole("heading", { name: cr.title })).toBeVisible();
      await expect(page.getByRole("cell", { name: `${OPERATOR.email} (${cr.yours})` })).toBeVisible();
      await expect(page.getByRole("button", { name: cr.approve })).toHaveCount(0);
      await expect(page.getByRole("button", { name: cr.withdraw })).toBeVisible();

      // The second person: a Super user reads the diff and approves.
      await page.context().clearCookies();
      await signIn(page);
      await page.goto("/settings/change-requests");
      await page.getByRole("button", { name: fill(cr.show, { id: request.id }) }).click();
      await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("button", { name: cr.approve }).click();
      await expect(page.getByText(fill(cr.approved, { id: request.id }))).toBeVisible();
      expect((await apiProcesses(page.request)).find((p) => p.id === first.id)?.name).toBe(name);
      const read = await (await page.request.get(`/api/v1/change-requests/${request.id}`)).json();
      expect(read.changeRequest).toMatchObject({ state: "approved", requester: { name: OPERATOR.email } });
    });
  });
}

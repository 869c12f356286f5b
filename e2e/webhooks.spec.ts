import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./support/fixtures";

// Issue 26: the webhooks page. A Super user adds a webhook (its secret shown once), a target outside
// WEBHOOK_ALLOW is refused at the field, a change is delivered and the deliveries show its answer.
test.use({ serverEnv: { WEBHOOK_ALLOW: "127.0.0.1/32" } });

test("a Super user adds a webhook, sees its secret once and its deliveries; a target outside the allow-list is refused", async ({
  page,
  app,
  signIn,
}) => {
  const received: string[] = [];
  const receiver = http.createServer((req, res) => {
    req.on("data", (c: Buffer) => received.push(c.toString()));
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    await app.seed(2);
    await signIn(page);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(page.getByText("No webhooks yet.")).toBeVisible();

    await page.getByLabel("Target URL").fill("http://10.0.0.1/hook");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByText("Target URL is refused: 10.0.0.1 is not in WEBHOOK_ALLOW")).toBeVisible();

    await page.getByLabel("Target URL").fill(url);
    await page.getByLabel("deleted").uncheck();
    await page.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await page.getByTestId("new-webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const row = page.getByRole("row", { name: new RegExp(url) });
    await expect(row.getByText("all processes; created, updated; one call per change")).toBeVisible();
    await page.getByRole("button", { name: "I have stored it" }).click();
    await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);

    await app.seed(1);
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await row.getByRole("button", { name: "Deliveries" }).click();
    const deliveries = page.getByRole("table", { name: `Newest deliveries to ${url}` });
    await expect(deliveries.getByText("✓ delivered").first()).toBeVisible({ timeout: 10_000 });
    await expect(deliveries.getByText(/^204/).first()).toBeVisible();

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: `Delete the webhook to ${url}` }).click();
    await expect(page.getByText("No webhooks yet.")).toBeVisible();
  } finally {
    await new Promise((r) => receiver.close(r));
  }
});

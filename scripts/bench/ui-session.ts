// The setting every UI benchmark starts from: a SQLite database seeded with `rows` processes, the production
// server on it, Chromium, and a page signed in as the test admin on the processes page.
import { chromium, type Browser, type Page } from "@playwright/test";
import { TEST_ADMIN } from "@/test/support/accounts";
import { seedProcesses } from "@/test/support/fixture-data";
import { createTestDatabase } from "@/test/support/test-database";
import { startServer, type TestServer } from "@/test/support/test-server";

type UiBench = { server: TestServer; browser: Browser; page: Page; close: () => Promise<void> };

async function signInForBench(page: Page): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(TEST_ADMIN.email);
  await page.getByLabel("Password").fill(TEST_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/settings\/processes$/);
}

export async function openUiBench(options: { rows: number; executablePath: string }): Promise<UiBench> {
  const database = await createTestDatabase("sqlite");
  await seedProcesses(database.url, options.rows);
  const server = await startServer({
    env: {
      DATABASE_URL: database.url,
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      RATE_LIMIT_API_POINTS: "100000",
      RATE_LIMIT_SIGNIN_POINTS: "1000",
    },
  });
  const browser = await chromium.launch({
    executablePath: options.executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInForBench(page);
  return {
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.stop();
      await database.drop();
    },
  };
}

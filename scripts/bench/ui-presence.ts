// Presence in bench:ui (docs/decisions/030): two instances of the production build on one PostgreSQL, one
// person's page on each. Round trip: the operator on instance B starts editing a row → the admin's page on
// instance A shows who edits it (both pages in one Chromium, so one clock). Cost: the servers' CPU per second
// with PAGES open pages against the same servers with none, per page. Needs TEST_DATABASE_URL.
import { chromium, type Browser, type Page } from "@playwright/test";
import { TEST_ADMIN } from "@/test/support/accounts";
import { runScript } from "@/test/support/run-script";
import { seedProcesses } from "@/test/support/fixture-data";
import { postgresTestUrl } from "@/test/support/requirements";
import { createTestDatabase } from "@/test/support/test-database";
import { startBenchServer, type BenchServer } from "./server";

const RUNS = 12;
const PAGES = 10;
const COST_SECONDS = 20;
const OPERATOR = { email: "bench-operator@example.com", password: "bench operator password 1" };

export type PresenceResult = { roundTripMs: number[]; cpuMsPerPageSecond: number; pages: number; seconds: number };

async function signIn(browser: Browser, server: BenchServer, account: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/settings\/processes$/);
  await page.locator("[data-editable]").waitFor();
  return page;
}

const editorsOf = (id: number) => `[role="row"][data-id="${id}"] [data-presence="editors"]`;

/** Edit start on `editor` → the badge on `watcher`, in ms of the one browser's clock. */
async function roundTrip(editor: Page, watcher: Page, id: number): Promise<number> {
  const seen = watcher.waitForFunction(
    (selector) => (document.querySelector(selector) ? Date.now() : false),
    editorsOf(id),
    { polling: "raf", timeout: 30_000 },
  );
  const start = await editor.evaluate(() => Date.now());
  await editor.getByRole("textbox", { name: `Name of process ${id}`, exact: true }).fill(`Edited ${id}`);
  const end = (await (await seen).jsonValue()) as number;
  // Back to only looking: the page says so at its next write (5 s), and the next run starts from there.
  await editor.getByRole("button", { name: `Discard changes to process ${id}`, exact: true }).click();
  await watcher.locator(editorsOf(id)).waitFor({ state: "detached", timeout: 30_000 });
  return end - start;
}

export async function measurePresence(executablePath: string): Promise<PresenceResult | string> {
  if (!postgresTestUrl) return "skipped: set TEST_DATABASE_URL (two instances need PostgreSQL)";
  const database = await createTestDatabase("postgresql");
  await seedProcesses(database.url, 100);
  // The admin first, as the server would make it (it makes none in a database that has users).
  const bootstrap = await runScript("scripts/cli.ts", ["users:bootstrap"], {
    DATABASE_URL: database.url,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
  });
  if (bootstrap.code !== 0) throw new Error(bootstrap.stderr);
  const created = await runScript(
    "scripts/cli.ts",
    ["users:create", "--email", OPERATOR.email, "--password", OPERATOR.password, "--role", "Advanced user"],
    { DATABASE_URL: database.url },
  );
  if (created.code !== 0) throw new Error(created.stderr);
  const env = {
    DATABASE_URL: database.url,
    SEED_DEMO_DATA: "false",
    LOG_LEVEL: "warn",
    RATE_LIMIT_API_POINTS: "100000",
    RATE_LIMIT_SIGNIN_POINTS: "1000",
    RATE_LIMIT_SIGNIN_ADDRESS_POINTS: "1000",
  };
  const servers = [await startBenchServer(env), await startBenchServer(env)];
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  try {
    const watcher = await signIn(browser, servers[0]!, TEST_ADMIN);
    const editor = await signIn(browser, servers[1]!, OPERATOR);
    const roundTripMs: number[] = [];
    for (let i = 0; i < RUNS; i++) roundTripMs.push(await roundTrip(editor, watcher, 1 + (i % 20)));
    await watcher.context().close();
    await editor.context().close();

    // Server CPU with no page open, then with PAGES pages (half on each instance), over the same length of time.
    const cpu = () => servers.reduce((sum, s) => sum + s.cpuMs(), 0);
    const idleStart = cpu();
    await new Promise((r) => setTimeout(r, COST_SECONDS * 1000));
    const idle = cpu() - idleStart;
    const pages: Page[] = [];
    for (let i = 0; i < PAGES; i++) pages.push(await signIn(browser, servers[i % 2]!, i % 2 ? OPERATOR : TEST_ADMIN));
    const openStart = cpu();
    await new Promise((r) => setTimeout(r, COST_SECONDS * 1000));
    const open = cpu() - openStart;
    return {
      roundTripMs,
      cpuMsPerPageSecond: Math.round(((open - idle) / PAGES / COST_SECONDS) * 100) / 100,
      pages: PAGES,
      seconds: COST_SECONDS,
    };
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  }
}

import chromium from "@sparticuz/chromium";
import { defineConfig } from "@playwright/test";

// Chromium comes from the @sparticuz/chromium npm package (unpacked to the temp dir on first use): no
// `playwright install`, no system browser; CHROMIUM_PATH names another one (e.g. Debian's /usr/bin/chromium).
// The tests run against the production build (`npm run build` first; a build older than the tree is refused).
const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  globalSetup: "./e2e/support/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each worker starts its own server and database; two cores carry two workers.
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    // DOM snapshots and sources, without the screencast: its frames were a quarter of the specs' CPU (note 023).
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});

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
    // A failed test keeps its trace (actions, network, console) and a screenshot, without the DOM snapshots of
    // every action: recording those was a tenth of the specs' CPU (4 paired runs, note 023); the screencast was a
    // quarter. `npx playwright test --trace on` records everything when a failure needs it.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: false },
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

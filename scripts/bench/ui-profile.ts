// Where the 10,000-row navigation spends its time (docs/decisions/019): the server's CPU per page render, then,
// per navigation, the browser's own timings: first byte, last byte, parsing done, the editor hydrated.
// npx tsx --conditions=react-server scripts/bench/ui-profile.ts [rows=10000]   (production build first)
import sparticuz from "@sparticuz/chromium";
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
import os from "node:os";
import { createTestDatabase } from "@/test/support/test-database";
import { seedProcessesWithCli } from "@/test/support/cli";
import { TEST_ADMIN } from "@/test/support/accounts";
import { startServer } from "@/test/support/test-server";

const rows = Number(process.argv[2] ?? 10_000);
const PAGE_REQUESTS = 20;
const NAVIGATIONS = 7;

/** The server's user + system CPU so far, in ms (Linux /proc; clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const database = await createTestDatabase("sqlite");
await seedProcessesWithCli(database.url, rows);
const server = await startServer({
  env: { DATABASE_URL: database.url, SEED_DEMO_DATA: "false", LOG_LEVEL: "warn", RATE_LIMIT_API_POINTS: "100000" },
});
const browser = await chromium.launch({
  executablePath: await sparticuz.executablePath(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
});
try {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(TEST_ADMIN.email);
  await page.getByLabel("Password").fill(TEST_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/settings\/processes$/);

  for (let i = 0; i < 3; i++) await page.request.get("/settings/processes");
  const before = cpuMs(server.pid);
  for (let i = 0; i < PAGE_REQUESTS; i++) {
    const response = await page.request.get("/settings/processes");
    if (response.status() !== 200) throw new Error(`page answered ${response.status()}`);
  }
  console.log(
    `${rows} rows; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")}`,
  );
  console.log(`server CPU per page render: ${((cpuMs(server.pid) - before) / PAGE_REQUESTS).toFixed(1)} ms`);

  console.log("| first byte | last byte | parsed | editable | HTML (decoded) |\n|---:|---:|---:|---:|---:|");
  for (let i = 0; i < NAVIGATIONS; i++) {
    await page.goto("/settings/processes", { waitUntil: "commit" });
    await page.locator("[data-editable]").waitFor();
    const t = await page.evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const editable = performance.getEntriesByName("processes-editable")[0]?.startTime ?? NaN;
      return [n.responseStart, n.responseEnd, n.domInteractive, editable, n.decodedBodySize];
    });
    console.log(`| ${t.map(Math.round).join(" | ")} |`);
  }
} finally {
  await browser.close();
  await server.stop();
  await database.drop();
}

// Where the 10,000-row navigation spends its time (docs/decisions/019): the server's CPU per page render, then,
// per navigation, the browser's own timings: first byte, last byte, parsing done, the editor hydrated.
// npx tsx --conditions=react-server scripts/bench/ui-profile.ts [rows=10000]   (production build first)
import sparticuz from "@sparticuz/chromium";
import { readFileSync } from "node:fs";
import os from "node:os";
import { openUiBench } from "./ui-session";

const rows = Number(process.argv[2] ?? 10_000);
const PAGE_REQUESTS = 20;
const NAVIGATIONS = 7;

/** The server's user + system CPU so far, in ms (Linux /proc; clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const { server, page, close } = await openUiBench({ rows, executablePath: await sparticuz.executablePath() });
try {
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
  await close();
}

// npm run bench:ui-live: someone else's bulk save of every row reaching an open settings page (issue 9), in a
// real Chromium against the production build (`npm run build` first). For 1,000 and 10,000 processes: the bulk
// PUT's own time (the baseline), the time from its start until the page shows the first row's new name, and
// the main thread's blocked time (long tasks, beyond 50 ms each) while the events are applied.
// Prints a markdown table and writes bench-results/ui-live-<time>.md.
import sparticuz from "@sparticuz/chromium";
import { mkdirSync, writeFileSync } from "node:fs";
import { openUiBench } from "./ui-session";

const SIZES = [1_000, 10_000];
const RUNS = 3;

type Run = { putMs: number; shownMs: number; blockedMs: number };

async function measure(rows: number, executablePath: string): Promise<Run[]> {
  const { server, page, close } = await openUiBench({ rows, executablePath });
  try {
    await page.getByText("Live updates on").waitFor();
    const list = (await (await page.request.get("/api/v1/processes")).json()) as {
      processes: { id: number; comment: string }[];
    };
    const first = list.processes[0]!;
    const runs: Run[] = [];
    for (let run = 1; run <= RUNS; run++) {
      await page.evaluate(() => {
        const w = window as unknown as { blocked: number };
        w.blocked = 0;
        new PerformanceObserver((entries) => {
          for (const e of entries.getEntries()) w.blocked += e.duration - 50;
        }).observe({ type: "longtask" });
      });
      const name = `Bulk ${run}`;
      const body = {
        processes: list.processes.map((p) => ({ id: p.id, name: `${name} ${p.id}`, comment: p.comment })),
      };
      const field = page.getByRole("textbox", { name: `Name of process ${first.id}`, exact: true });
      const started = performance.now();
      // A cookie-authenticated write must come from the page's own origin.
      const answer = await page.request.put("/api/v1/processes", { data: body, headers: { Origin: server.baseUrl } });
      const putMs = performance.now() - started;
      if (answer.status() !== 200) throw new Error(`bulk PUT answered ${answer.status()}`);
      await field.and(page.locator(`[value="${name} ${first.id}"]`)).waitFor({ timeout: 60_000 });
      const shownMs = performance.now() - started;
      // Let the rest of the burst land before reading the blocked time.
      await page.waitForTimeout(2_000);
      const blockedMs = await page.evaluate(() => (window as unknown as { blocked: number }).blocked);
      runs.push({ putMs, shownMs, blockedMs });
    }
    return runs;
  } finally {
    await close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const executablePath = process.env.CHROMIUM_PATH || (await sparticuz.executablePath());
const lines = [
  "| rows | bulk PUT (baseline) ms | until the page shows it ms | × baseline | main thread blocked ms |",
  "|---:|---:|---:|---:|---:|",
];
for (const rows of SIZES) {
  const runs = await measure(rows, executablePath);
  const put = median(runs.map((r) => r.putMs));
  const shown = median(runs.map((r) => r.shownMs));
  const blocked = median(runs.map((r) => r.blockedMs));
  lines.push(
    `| ${rows} | ${Math.round(put)} | ${Math.round(shown)} | ${(shown / put).toFixed(2)} | ${Math.round(blocked)} |`,
  );
}
const table = lines.join("\n");
console.log(table);
mkdirSync("bench-results", { recursive: true });
writeFileSync(`bench-results/ui-live-${new Date().toISOString().replace(/[:.]/g, "-")}.md`, table + "\n");

// npm run bench:ui: the settings page in a real Chromium against the production build (`npm run build` first).
// For 1,000 and 10,000 processes: navigation → editable table, keystroke → next paint, arrow-key move → next
// paint, a paste of 1,000 cells (500 rows × name and comment) → next paint, Save all of 100 edits, and a copy
// of the block Ctrl+A selects (every row × name and comment: 1,000×2 cells at 1,000 rows) → next paint, and
// the rows each density shows whole at 1280 × 800 (ui-room.ts). `-- --room` measures that alone, at 1,000 rows.
// Prints a markdown table and writes bench-results/ui-<time>.{md,json}.
import sparticuz from "@sparticuz/chromium";
import type { Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { openUiBench } from "./ui-session";
import { measurePresence, type PresenceResult } from "./ui-presence";
import { rowsVisible, type RowsVisible } from "./ui-room";

const SIZES = [1_000, 10_000];
const NAV_RUNS = 7;
const KEYSTROKES = 30;
const SAVE_RUNS = 5;
const EDITED_ROWS = 100;
const PASTE_RUNS = 5;
const PASTE_ROWS = 500;
const COPY_RUNS = 5;
const TARGETS = {
  editableMs1k: 1_500,
  keystrokeMs10k: 50,
  arrowMs10k: 16,
  pasteMs: 200,
  editableMs10k: 500,
  copyMs1k: 200,
  rowsStandard: 15,
  presenceP95Ms: 2_000,
};
// The page's own sessionStorage stash (components/processes/saving/draft-stash.ts): 100 edits in one step.
const STASH_KEY = "settings.processes.unsaved-edits";

type Result = {
  rows: number;
  editableMs: number[];
  keystrokeMs: number[];
  arrowMs: number[];
  pasteMs: number[];
  saveAllMs: number[];
  copyMs: number[];
  rowsVisible: RowsVisible;
};

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

// With no runs at all, median and p95 are NaN (as they always were), and the report prints that.
const median = (xs: number[]) => {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  const at = (i: number) => s[i] ?? NaN;
  return Math.round((s.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2) * 10) / 10;
};

const p95 = (xs: number[]) => Math.round(sorted(xs)[Math.floor(xs.length * 0.95)] ?? NaN);

/** Navigation start → the editor hydrated (its mount effect sets the mark), read from the page's own clock. */
async function timeToEditable(page: Page): Promise<number> {
  await page.goto("/settings/processes", { waitUntil: "commit" });
  await page.locator("[data-editable]").waitFor();
  return page.evaluate(() => {
    const [mark] = performance.getEntriesByName("processes-editable");
    if (!mark) throw new Error('The editor set no "processes-editable" performance mark');
    return mark.startTime;
  });
}

/** keydown → the frame that shows it: a rAF after the event, then a task after that frame's paint. */
async function keystrokeToPaint(page: Page, fieldName: string, key: (i: number) => string): Promise<number[]> {
  const field = page.getByRole("textbox", { name: fieldName, exact: true });
  await field.focus();
  // Typing edits the cell (Enter: caret at the end), so x, Backspace, … leave the row as it was.
  if (key(0) === "x") await page.keyboard.press("Enter");
  await page.evaluate(() => {
    const w = window as unknown as { __keyTimes?: number[] };
    const installed = w.__keyTimes !== undefined;
    w.__keyTimes = [];
    if (installed) return;
    window.addEventListener(
      "keydown",
      (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => setTimeout(() => w.__keyTimes?.push(performance.now() - start), 0));
      },
      { capture: true },
    );
  });
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.press(key(i));
    await page.waitForTimeout(30);
  }
  await page.waitForFunction((n) => (window as unknown as { __keyTimes: number[] }).__keyTimes.length >= n, KEYSTROKES);
  if (key(0) === "x") await page.keyboard.press("Escape");
  return page.evaluate(() => (window as unknown as { __keyTimes: number[] }).__keyTimes);
}

/** A 500 × 2 range pasted into the first name → the frame that shows 500 edited rows; then undone. */
async function pasteToPaint(page: Page, fieldName: string): Promise<number> {
  await page.getByRole("textbox", { name: fieldName, exact: true }).focus();
  const ms = await page.evaluate((rows) => {
    const text = Array.from({ length: rows }, (_, i) => `Pasted ${i}\tcomment ${i}`).join("\n");
    const transfer = new DataTransfer();
    transfer.setData("text/plain", text);
    const start = performance.now();
    document.activeElement?.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
    return new Promise<number>((resolve) =>
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0)),
    );
  }, PASTE_ROWS);
  await page.getByText(`${PASTE_ROWS} unsaved rows`).waitFor();
  await page.keyboard.press("Control+z");
  await page.getByText("No unsaved changes").waitFor();
  return ms;
}

/** Ctrl+A (every row, both columns) then a copy event → the frame after it; checks the TSV it wrote. */
async function copyToPaint(page: Page, fieldName: string, rows: number): Promise<number> {
  await page.getByRole("textbox", { name: fieldName, exact: true }).focus();
  await page.keyboard.press("Control+a");
  const { ms, lines } = await page.evaluate(() => {
    const transfer = new DataTransfer();
    const start = performance.now();
    document.activeElement?.dispatchEvent(
      new ClipboardEvent("copy", { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
    return new Promise<{ ms: number; lines: number }>((resolve) =>
      requestAnimationFrame(() =>
        setTimeout(
          () => resolve({ ms: performance.now() - start, lines: transfer.getData("text/plain").split("\r\n").length }),
          0,
        ),
      ),
    );
  });
  if (lines !== rows) throw new Error(`The copy held ${lines} rows, not ${rows}`);
  await page.keyboard.press("ArrowDown"); // a plain move ends the selection
  return ms;
}

async function saveAllOnce(page: Page, ids: number[], run: number): Promise<number> {
  const drafts = ids
    .slice(0, EDITED_ROWS)
    .map((id) => ({ id, draft: { name: `Bench ${run} · ${id}`, comment: `run ${run}` } }));
  await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [
    STASH_KEY,
    JSON.stringify(drafts),
  ] as const);
  await page.goto("/settings/processes");
  await page.locator("[data-editable]").waitFor();
  await page.getByText(`${EDITED_ROWS} unsaved rows`).waitFor();
  const started = Date.now();
  await page.getByRole("button", { name: "Save all" }).click();
  await page.getByText(`${EDITED_ROWS} processes saved.`).waitFor();
  return Date.now() - started;
}

async function measure(rows: number, executablePath: string): Promise<Result> {
  const { page, close } = await openUiBench({ rows, executablePath });
  try {
    const visible = await rowsVisible(page);
    if (process.argv.includes("--room"))
      return {
        rows,
        editableMs: [],
        keystrokeMs: [],
        arrowMs: [],
        pasteMs: [],
        saveAllMs: [],
        copyMs: [],
        rowsVisible: visible,
      };
    const list = (await (await page.request.get("/api/v1/processes")).json()) as { processes: { id: number }[] };
    const ids = list.processes.map((p) => p.id);

    const editableMs: number[] = [];
    await timeToEditable(page); // warm-up: server caches, compiled code
    for (let i = 0; i < NAV_RUNS; i++) editableMs.push(await timeToEditable(page));

    // x, Backspace, x, …: an even count leaves the row as it was.
    const keystrokeMs = await keystrokeToPaint(page, `Name of process ${ids[2]}`, (i) => (i % 2 ? "Backspace" : "x"));
    // Down, up, …: each press moves focus to another row's cell.
    const arrowMs = await keystrokeToPaint(page, `Name of process ${ids[2]}`, (i) => (i % 2 ? "ArrowUp" : "ArrowDown"));
    const pasteMs: number[] = [];
    for (let run = 0; run < PASTE_RUNS; run++) pasteMs.push(await pasteToPaint(page, `Name of process ${ids[0]}`));

    const copyMs: number[] = [];
    for (let run = 0; run < COPY_RUNS; run++) copyMs.push(await copyToPaint(page, `Name of process ${ids[0]}`, rows));

    const saveAllMs: number[] = [];
    for (let run = 1; run <= SAVE_RUNS; run++) saveAllMs.push(await saveAllOnce(page, ids, run));
    return { rows, editableMs, keystrokeMs, arrowMs, pasteMs, saveAllMs, copyMs, rowsVisible: visible };
  } finally {
    await close();
  }
}

function markdown(results: Result[], machine: string): string {
  const lines = [
    "## UI benchmark (settings → processes)",
    "",
    `${machine}. Production build, Chromium from @sparticuz/chromium, 1280×800. Medians; runs in brackets.`,
    "",
    "| processes | navigation → editable table (ms) | keystroke → next paint (ms) | arrow-key move → next paint (ms) | paste of 1,000 cells → next paint (ms) | Save all, 100 edited rows (ms) | Ctrl+A, copy of rows × 2 cells → next paint (ms) | rows shown whole at 1280×800: standard / compact / comfortable (table top, px) |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.rows.toLocaleString("en")} | ${median(r.editableMs)} | ${median(r.keystrokeMs)} (p95 ${p95(r.keystrokeMs)}) | ${median(r.arrowMs)} (p95 ${p95(r.arrowMs)}) | ${median(r.pasteMs)} [${r.pasteMs.map(Math.round).join(", ")}] | ${median(r.saveAllMs)} [${r.saveAllMs.join(", ")}] | ${median(r.copyMs)} [${r.copyMs.map(Math.round).join(", ")}] | ${r.rowsVisible.standard} / ${r.rowsVisible.compact} / ${r.rowsVisible.comfortable} (${r.rowsVisible.tableTopPx}) |`,
    );
  }
  const oneK = results.find((r) => r.rows === 1_000);
  const tenK = results.find((r) => r.rows === 10_000);
  lines.push(
    "",
    `Targets: 1,000 rows editable within ${TARGETS.editableMs1k} ms: ${oneK ? (median(oneK.editableMs) <= TARGETS.editableMs1k ? "met" : "MISSED") : "–"}; ` +
      `keystroke → paint under ${TARGETS.keystrokeMs10k} ms at 10,000 rows: ${tenK ? (median(tenK.keystrokeMs) < TARGETS.keystrokeMs10k ? "met" : "MISSED") : "–"}; ` +
      `10,000 rows editable within ${TARGETS.editableMs10k} ms: ${tenK ? (median(tenK.editableMs) <= TARGETS.editableMs10k ? "met" : "MISSED") : "–"}; ` +
      `arrow move → paint under ${TARGETS.arrowMs10k} ms at 10,000 rows: ${tenK ? (median(tenK.arrowMs) < TARGETS.arrowMs10k ? "met" : "MISSED") : "–"}; ` +
      `paste of 1,000 cells under ${TARGETS.pasteMs} ms: ${results.every((r) => median(r.pasteMs) < TARGETS.pasteMs) ? "met" : "MISSED"}; ` +
      `range copy of 1,000×2 cells under ${TARGETS.copyMs1k} ms: ${oneK ? (median(oneK.copyMs) < TARGETS.copyMs1k ? "met" : "MISSED") : "–"}; ` +
      `at least ${TARGETS.rowsStandard} rows in the default (standard) density at 1280×800: ${results.every((r) => r.rowsVisible.standard >= TARGETS.rowsStandard) ? "met" : "MISSED"}.`,
  );
  return lines.join("\n");
}

function presenceMarkdown(p: PresenceResult | string): string {
  if (typeof p === "string") return `Presence: ${p}.`;
  return (
    `Presence across two instances (PostgreSQL): edit start on one → the row's badge on the other, median ` +
    `${median(p.roundTripMs)} ms, p95 ${p95(p.roundTripMs)} ms (target < ${TARGETS.presenceP95Ms}: ` +
    `${p95(p.roundTripMs) < TARGETS.presenceP95Ms ? "met" : "MISSED"}) [${p.roundTripMs.join(", ")}]. Server CPU ` +
    `per open page: ${p.cpuMsPerPageSecond} ms a second (${p.pages} pages against none, ${p.seconds} s each).`
  );
}

const executablePath = await sparticuz.executablePath();
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${cpu}, ${os.availableParallelism()} cores, Node ${process.version}, load average before ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(" / ")}`;
const results: Result[] = [];
// `npm run bench:ui -- --presence` measures presence alone; `-- --room` the rows on screen alone.
const room = process.argv.includes("--room");
for (const rows of process.argv.includes("--presence") ? [] : room ? [1_000] : SIZES) {
  console.error(`measuring ${rows} processes…`);
  results.push(await measure(rows, executablePath));
}
if (!room) console.error("measuring presence across two instances…");
const presence = room ? "not measured (--room)" : await measurePresence(executablePath);
const table = room
  ? `## Rows on screen (settings → processes, 1280×800)\n\n${machine}.\n\n` +
    results
      .map(
        (r) =>
          `${r.rows.toLocaleString("en")} processes: standard ${r.rowsVisible.standard}, compact ` +
          `${r.rowsVisible.compact}, comfortable ${r.rowsVisible.comfortable} rows whole; the table's top at ` +
          `${r.rowsVisible.tableTopPx} px (target ≥ ${TARGETS.rowsStandard} standard: ` +
          `${r.rowsVisible.standard >= TARGETS.rowsStandard ? "met" : "MISSED"}).`,
      )
      .join("\n")
  : markdown(results, machine) + "\n\n" + presenceMarkdown(presence);
console.log(table);
mkdirSync("bench-results", { recursive: true });
const stem = `bench-results/ui-${new Date().toISOString().replace(/[:.]/g, "-")}`;
writeFileSync(`${stem}.md`, table + "\n");
writeFileSync(`${stem}.json`, JSON.stringify({ machine, targets: TARGETS, results, presence }, null, 2) + "\n");
console.error(`wrote ${stem}.md and .json`);

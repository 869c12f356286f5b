import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";

const FILE = path.join(process.cwd(), "test/support/file-durations.json");

/**
 * `npm run test:durations [-- files]`: writes each file's wall time of this run into
 * test/support/file-durations.json, which orders the next runs (longest-first-sequencer.ts); the files that did
 * not run keep their seconds. Measure on the CI machine kind with Playwright beside (as `npm test` runs), and
 * say so in `measured`.
 */
export default class DurationsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const before = JSON.parse(readFileSync(FILE, "utf8")) as { measured: string; seconds: Record<string, number> };
    const now = modules.map(
      (m) => [path.relative(process.cwd(), m.moduleId), Math.round(m.diagnostic().duration / 100) / 10] as const,
    );
    const seconds = Object.fromEntries(
      Object.entries({ ...before.seconds, ...Object.fromEntries(now) }).sort((a, b) => b[1] - a[1]),
    );
    const measured = `${new Date().toISOString().slice(0, 10)}: the machine, and what ran beside, go here`;
    writeFileSync(FILE, JSON.stringify({ measured, seconds }, null, 2) + "\n");
  }
}

import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";

/**
 * `npm run test:durations`: writes each file's wall time of this run to test/support/file-durations.json, which
 * orders the next runs (longest-first-sequencer.ts). Measure on the CI machine kind, with Playwright beside
 * (as `npm test` runs), and say so in `measured`.
 */
export default class DurationsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const seconds = Object.fromEntries(
      modules
        .map((m) => [path.relative(process.cwd(), m.moduleId), Math.round(m.diagnostic().duration / 100) / 10] as const)
        .sort((a, b) => b[1] - a[1]),
    );
    const file = path.join(process.cwd(), "test/support/file-durations.json");
    const measured = `${new Date().toISOString().slice(0, 10)}: describe the machine and what ran beside`;
    writeFileSync(file, JSON.stringify({ measured, seconds }, null, 2) + "\n");
  }
}

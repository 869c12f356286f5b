import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import LongestFirstSequencer from "./test/support/longest-first-sequencer";

export default defineConfig({
  resolve: {
    alias: {
      "@/": fileURLToPath(new URL("./", import.meta.url)),
      // Server modules import "server-only"; outside React's server build it is the empty module.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "components/**/*.test.ts",
      "scripts/**/*.test.ts",
      "test/**/*.test.ts",
      "docs/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Three files at a time, beside Playwright (scripts/test-all.sh): every contract suite starts its own servers on
    // free ports with its own databases and key prefixes, so files share nothing, and a third file fills the time
    // the other two wait on deadlines and servers (docs/decisions/023-the-inner-loop.md, stop 32).
    fileParallelism: true,
    maxWorkers: 3,
    // The longest files first (their measured seconds), so that the workers end together.
    sequence: { sequencer: LongestFirstSequencer },
    // Notes the operation of every contract answer; fails a run of all contract suites that left one unanswered.
    // The fixtures' data helper is compiled once per run (test/support/compile-data-helper.ts).
    globalSetup: ["./test/support/openapi-coverage.ts", "./test/support/compile-data-helper.ts"],
    reporters: ["default", "./test/support/skip-reporter.ts"],
  },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
    // Two files at a time, beside Playwright (scripts/test-all.sh): every contract suite starts its own servers on
    // free ports with its own databases and key prefixes, so files share nothing. Three at a time was faster, but
    // twice in two runs a resumed event stream of event-stream-bounds met the server's 10 s header deadline (408):
    // docs/decisions/023-the-inner-loop.md.
    fileParallelism: true,
    maxWorkers: 2,
    // Notes the operation of every contract answer; fails a run of all contract suites that left one unanswered.
    globalSetup: ["./test/support/openapi-coverage.ts"],
    reporters: ["default", "./test/support/skip-reporter.ts"],
  },
});

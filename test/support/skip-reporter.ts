import type { Reporter, TestCase, TestModule, TestSuite } from "vitest/node";
import { NEEDS_POSTGRES, NEEDS_REDIS } from "@/test/support/requirements";

/** The reason of the outermost skipped suite (a whole PostgreSQL run), else the test's own. */
function reasonOf(test: TestCase): string {
  let reason: string | undefined;
  for (let task: TestCase | TestSuite | TestModule = test; task.type !== "module"; task = task.parent) {
    const own = task.meta().skipReason;
    if (own && task.options.mode === "skip") reason = own;
  }
  return reason ?? test.meta().skipReason ?? "skipped without a stated reason";
}

/**
 * Lists every skipped test by name under its reason, and says how to run them: a plain `npm test` on a
 * machine without PostgreSQL or Redis skips those cases, and must say which and why.
 */
export default class SkipReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const byReason = new Map<string, string[]>();
    for (const testModule of modules) {
      for (const test of testModule.children.allTests("skipped")) {
        const reason = reasonOf(test);
        byReason.set(reason, [
          ...(byReason.get(reason) ?? []),
          `${testModule.moduleId.replace(process.cwd() + "/", "")} > ${test.fullName}`,
        ]);
      }
    }
    if (byReason.size === 0) return;
    const total = [...byReason.values()].reduce((n, names) => n + names.length, 0);
    const lines = [`\nSkipped ${total} tests:`];
    for (const [reason, names] of byReason) {
      lines.push(`  ${reason} (${names.length}):`, ...names.map((name) => `    - ${name}`));
    }
    if (byReason.has(NEEDS_POSTGRES) || byReason.has(NEEDS_REDIS)) {
      lines.push(
        "To run the PostgreSQL and Redis cases: TEST_DATABASE_URL=postgresql://user@host:5432/db (each suite creates " +
          "and drops its own databases) and REDIS_TEST_URL=redis://host:6379, as .ci/run sets them.",
      );
    }
    console.log(lines.join("\n"));
  }
}

import { compileForNode } from "@/scripts/compile-for-node.mjs";
import { DATA_HELPER } from "./data-client";

// The data helper compiled once per run, as the build compiles the CLI (scripts/compile-entry-points.mjs): it
// then starts with Node alone, not through tsx (about 2.5 CPU s less a start: docs/decisions/023). Vitest's and
// Playwright's global setups both compile it, at the same time under `npm test`.
export async function compileDataHelper(): Promise<void> {
  await compileForNode({ root: process.cwd(), source: "test/support/data-helper.ts", out: DATA_HELPER });
}

/** As a Vitest or Playwright global setup. */
export default compileDataHelper;

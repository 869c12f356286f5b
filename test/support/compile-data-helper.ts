import { mkdirSync, renameSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { DATA_HELPER } from "./data-client";

// The data helper compiled once per run, as the build compiles the CLI (scripts/compile-entry-points.mjs): it
// then starts with Node alone, not through tsx (about 2.5 CPU s less a start: docs/decisions/023). Vitest's and
// Playwright's global setups both compile it, at the same time under `npm test`: each writes its own file and
// renames it into place.
export async function compileDataHelper(): Promise<void> {
  mkdirSync(path.dirname(DATA_HELPER), { recursive: true });
  const partial = `${DATA_HELPER}.${process.pid}.partial`;
  await build({
    absWorkingDir: process.cwd(),
    entryPoints: ["test/support/data-helper.ts"],
    outfile: partial,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
  });
  renameSync(partial, DATA_HELPER);
}

/** As a Vitest or Playwright global setup. */
export default compileDataHelper;

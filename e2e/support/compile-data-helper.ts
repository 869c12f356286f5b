import { mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { DATA_HELPER } from "./data-client";

// The data helper compiled once per run, as the build compiles the CLI (scripts/compile-entry-points.mjs): each
// worker then starts it with Node alone, not through tsx (about 2.5 CPU s a worker: docs/decisions/023).
export async function compileDataHelper(): Promise<void> {
  mkdirSync(path.dirname(DATA_HELPER), { recursive: true });
  await build({
    absWorkingDir: process.cwd(),
    entryPoints: ["e2e/support/data-helper.ts"],
    outfile: DATA_HELPER,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
  });
}

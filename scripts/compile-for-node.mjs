// One entry point, with the project modules it imports (the @/ paths of tsconfig.json), compiled into one plain
// ES module for Node 20; every package stays an import, loaded from node_modules as before. The file is written
// beside its place and renamed into it: two builds (or both test runners' global setups) may compile it at once.
import { mkdir } from "node:fs/promises";
import { renameSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/** Compiles `source` (relative to `root`) into `out` (absolute), with `banner` as its first line if given. */
export async function compileForNode({ root, source, out, banner }) {
  const partial = `${out}.${process.pid}.partial`;
  await mkdir(path.dirname(out), { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: [source],
    outfile: partial,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    banner: banner === undefined ? undefined : { js: banner },
    legalComments: "none",
    logLevel: "warning",
  });
  renameSync(partial, out);
}

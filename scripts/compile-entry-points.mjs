// Compiles each entry point of COMPILED (scripts/source-fingerprint.mjs), with the project modules it imports,
// into one plain JavaScript file: dist/server.mjs, which `npm start` runs with Node alone (no TypeScript
// compiler at run time, docs/decisions/039), and dist/cli.mjs and dist/db-seed.mjs, which the test suites run
// instead of `npm run cli` / `npm run db:seed` through tsx (a third of the CPU per command: docs/decisions/023).
// Packages stay imports (Next, zod, Prisma load from node_modules as before). The first line names the source
// fingerprint the build began from, so that the harness and the quick start refuse a compiled file older than
// the tree, as they refuse such a build.
//
//   node scripts/compile-entry-points.mjs      run by `npm run build` after `next build`
import { renameSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { COMPILED, COMPILED_STAMP, beganFingerprint } from "./source-fingerprint.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const fingerprint = beganFingerprint(root);

await Promise.all(
  COMPILED.map(async ({ source, file }) => {
    const out = path.join(root, file);
    // A build in another NEXT_DIST_DIR may compile at the same time: each writes its own file, then renames.
    const partial = `${out}.${process.pid}.partial`;
    await mkdir(path.dirname(out), { recursive: true });
    await build({
      absWorkingDir: root,
      entryPoints: [source],
      outfile: partial,
      bundle: true,
      // Every package stays an import; the project's own modules (the @/ paths of tsconfig.json) are compiled in.
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      banner: { js: `${COMPILED_STAMP}${fingerprint}` },
      legalComments: "none",
      logLevel: "warning",
    });
    renameSync(partial, out);
  }),
);

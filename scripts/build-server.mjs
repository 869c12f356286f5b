// Compiles server.ts, and the project modules it imports, into one plain JavaScript file (dist/server.mjs) that
// `npm start` runs with Node alone: no TypeScript compiler at run time (docs/decisions/039). Packages stay
// imports (Next, zod, @next/env load from node_modules as before). The first line names the source fingerprint
// the build began from (scripts/source-fingerprint.mjs), so that the harness and the quick start refuse a
// compiled server older than the tree, as they refuse such a build.
//
//   node scripts/build-server.mjs      run by `npm run build` after `next build`
import { renameSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { SERVER_FILE, SERVER_STAMP, beganFingerprint } from "./source-fingerprint.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, SERVER_FILE);
// A build in another NEXT_DIST_DIR may compile at the same time: each writes its own file, then renames.
const partial = `${out}.${process.pid}.partial`;

await mkdir(path.dirname(out), { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: ["server.ts"],
  outfile: partial,
  bundle: true,
  // Every package stays an import; the project's own modules (the @/ paths of tsconfig.json) are compiled in.
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  banner: { js: `${SERVER_STAMP}${beganFingerprint(root)}` },
  legalComments: "none",
  logLevel: "warning",
});
renameSync(partial, out);

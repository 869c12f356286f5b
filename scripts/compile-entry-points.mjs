// Compiles each entry point of COMPILED (scripts/source-fingerprint.mjs), with the project modules it imports,
// into one plain JavaScript file: dist/server.mjs, which `npm start` runs with Node alone (no TypeScript
// compiler at run time, docs/decisions/039), and dist/cli.mjs and dist/db-seed.mjs, which the test suites run
// instead of `npm run cli` / `npm run db:seed` through tsx (a third of the CPU per command: docs/decisions/023).
// Packages stay imports (Next, zod, Prisma load from node_modules as before). The first line names the source
// fingerprint the build began from, so that the harness and the quick start refuse a compiled file older than
// the tree, as they refuse such a build.
//
//   node scripts/compile-entry-points.mjs      run by `npm run build` after `next build`
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileForNode } from "./compile-for-node.mjs";
import { COMPILED, COMPILED_STAMP, beganFingerprint } from "./source-fingerprint.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const banner = `${COMPILED_STAMP}${beganFingerprint(root)}`;

// A build in another NEXT_DIST_DIR may compile at the same time: compileForNode writes and renames.
await Promise.all(
  COMPILED.map(({ source, file }) => compileForNode({ root, source, out: path.join(root, file), banner })),
);

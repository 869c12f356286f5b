// What a production build was made from: one SHA-256 over the build's inputs, written next to the build by
// `npm run build` and compared by the test harness (test/support/build-check.ts) and the quick start, so
// that no test passes against, and no quick start serves, a build older than the tree.
//
//   node scripts/source-fingerprint.mjs            prints the tree's fingerprint
//   node scripts/source-fingerprint.mjs --begin    notes it before a build (next build empties the build folder)
//   node scripts/source-fingerprint.mjs --write    writes the noted one to <NEXT_DIST_DIR or .next>/source-fingerprint
//   node scripts/source-fingerprint.mjs --check    exits 0 when the build's and every compiled entry point's
//                                                   fingerprints are the tree's, else 1
//
// Plain Node (no tsx) so that it answers in well under a second: a few hundred small files are read.
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The inputs, relative to the project root: these folders walked whole, and these files. Tests, generated
 * code (made from prisma/ by the build itself) and anything else in the tree (docs, e2e, test, scripts) are
 * left out: changing them does not change what the build serves.
 */
export const FINGERPRINT_DIRS = ["app", "components", "lib", "messages", "prisma", "public", "scripts/cli"];
export const FINGERPRINT_FILES = [
  "server.ts",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
  "scripts/prisma-generate.mjs",
  "scripts/compile-entry-points.mjs",
  "scripts/compile-for-node.mjs",
  "scripts/cli.ts",
  "scripts/db-seed.ts",
];
const LEFT_OUT_DIRS = new Set(["lib/generated", "node_modules"]);
const LEFT_OUT_FILE = /\.test\.tsx?$|^\.DS_Store$/;

export const FINGERPRINT_FILE = "source-fingerprint";

/**
 * The entry points compiled to plain JavaScript (scripts/compile-entry-points.mjs), each file's first line this stamp
 * and the fingerprint: the server `npm start` runs, and the CLI and the seed script as the test suites run them.
 */
export const COMPILED = [
  { source: "server.ts", file: "dist/server.mjs" },
  { source: "scripts/cli.ts", file: "dist/cli.mjs" },
  { source: "scripts/db-seed.ts", file: "dist/db-seed.mjs" },
];
export const SERVER_FILE = "dist/server.mjs";
export const COMPILED_STAMP = "// source-fingerprint ";

function walk(root, dir, out) {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return; // an optional folder (public/) that does not exist
  }
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!LEFT_OUT_DIRS.has(rel)) walk(root, rel, out);
    } else if (entry.isFile() && !LEFT_OUT_FILE.test(entry.name)) out.push(rel);
  }
}

/** The input files of the build under `root`, relative and sorted (byte order, as on every machine). */
export function fingerprintInputs(root) {
  const files = [];
  for (const dir of FINGERPRINT_DIRS) walk(root, dir, files);
  for (const file of FINGERPRINT_FILES) if (existsSync(path.join(root, file))) files.push(file);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** SHA-256 over each input's path and contents: a renamed, added or removed file changes it too. */
export function sourceFingerprint(root) {
  const hash = createHash("sha256");
  for (const file of fingerprintInputs(root)) {
    const content = readFileSync(path.join(root, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest("hex");
}

/** The build folder `npm run build` writes (next.config.js reads NEXT_DIST_DIR the same way). */
export function buildDir(root, distDir = process.env.NEXT_DIST_DIR || ".next") {
  return path.join(root, distDir);
}

/** The fingerprint the build under `distDir` was made from, or undefined (no build, or one older than this check). */
export function buildFingerprint(root, distDir) {
  const file = path.join(buildDir(root, distDir), FINGERPRINT_FILE);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

/** The fingerprint a compiled file was made from, or undefined (none, or one without a stamp). */
export function compiledFingerprint(root, compiledFile) {
  const file = path.join(root, compiledFile);
  if (!existsSync(file)) return undefined;
  // Its first line only: the harness asks before every server start and CLI run, and the files are 50–300 KB.
  const head = Buffer.alloc(200);
  const fd = openSync(file, "r");
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const first = head.subarray(0, length).toString("utf8").split("\n", 1)[0];
  return first.startsWith(COMPILED_STAMP) ? first.slice(COMPILED_STAMP.length).trim() : undefined;
}

/** The first compiled file not made from `tree`, with what it was made from (undefined: missing); none: undefined. */
export function staleCompiled(root, tree) {
  for (const { file } of COMPILED) {
    const built = compiledFingerprint(root, file);
    if (built !== tree) return { file, built };
  }
  return undefined;
}

/** The tree's fingerprint as the running build began (--begin), else as it is now. */
export function beganFingerprint(root) {
  return existsSync(pendingFile(root)) ? readFileSync(pendingFile(root), "utf8").trim() : sourceFingerprint(root);
}

/** Where --begin notes the tree's fingerprint until --write (one per build folder). */
function pendingFile(root) {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  return path.join(root, "node_modules", ".cache", `source-fingerprint-${distDir.replace(/[^A-Za-z0-9.-]/g, "_")}`);
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const mode = process.argv[2];
  const tree = sourceFingerprint(root);
  if (mode === "--begin") {
    mkdirSync(path.dirname(pendingFile(root)), { recursive: true });
    writeFileSync(pendingFile(root), tree);
  } else if (mode === "--write") {
    // The tree as the build began: a file edited during the build leaves a fingerprint that the tree no
    // longer has, so the harness refuses the build instead of trusting it.
    writeFileSync(path.join(buildDir(root), FINGERPRINT_FILE), `${beganFingerprint(root)}\n`);
    rmSync(pendingFile(root), { force: true });
  } else if (mode === "--check") {
    process.exit(buildFingerprint(root) === tree && staleCompiled(root, tree) === undefined ? 0 : 1);
  } else if (mode === undefined) {
    console.log(tree);
  } else {
    console.error(`Unknown option ${mode}: use --begin, --write, --check or nothing`);
    process.exit(2);
  }
}
